"""The shared kernel: what several apps use and none owns (plain modules, not a Django app).

ServiceError and clean_or_refuse (services), the form page (pages), the 今日待办 provider list
(todo), the input rules of forms and API schemas (forms, schemas, text, dates) and the middleware.
It imports only gongkai.core; every app may import it.
"""
