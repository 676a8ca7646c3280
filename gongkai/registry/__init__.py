"""Registers that several apps keep in one place: the holiday arrangements an administrator enters
(CalendarYear, read through calendar_store.current_calendar) and the serial counters behind case
numbers, letter numbers and 索引号 (SerialCounter, taken through serials.next_serial).

Below applications and publishing, above bodies: both apps write to these registers and neither
has to import the other for them. The tables kept their applications_* names when the models moved
here (migrations 0001 of this app and applications' move migration change only Django's state).
"""
