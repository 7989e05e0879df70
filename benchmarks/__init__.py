"""Benchmarks: a synthetic dossier of any size, and the script that times its build against plain Material."""
