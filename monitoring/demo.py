"""Demo data of monitoring (filled in below)."""


def seed_demo_monitoring(*, users: dict, password: str) -> str:
    return "monitoring: no demo data yet"
