"""The package's own tests run on its pytest plugin, installed with the wheel."""
