"""Annual reports (政府信息公开工作年度报告): the model, the two official layouts and their checks."""
