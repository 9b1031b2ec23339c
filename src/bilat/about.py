"""Version numbers: the package, and the database schema it writes."""

__version__ = "0.1.0"
SCHEMA_VERSION = 2
