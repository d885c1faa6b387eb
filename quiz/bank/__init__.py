"""The question bank: models (`models`), loading and validation (`loader`, `parse`), formats,
the schema, writing bank files. Never imports Textual; the models alone load no YAML."""
