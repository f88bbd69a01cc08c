"""Export jobs."""
