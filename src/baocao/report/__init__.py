"""The progress report as data: build it from assessments and returns (pure), read the narrative, record provenance."""
