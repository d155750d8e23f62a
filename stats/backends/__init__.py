"""Where counts are kept: PostgreSQL (postgres.py), or Redis in front of it (redis.py).

stats.counting chooses between them.
"""
