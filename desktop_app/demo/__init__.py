"""Realistic synthetic demo data (``asuh demo --children N``) for demos, screenshots and
benchmarks. Nothing here is real: names, numbers and the district are invented, though every
NIK, No. KK and NIP passes the app's own validators."""

from desktop_app.demo.generator import fill_demo_database
from desktop_app.demo.summary import DemoSummary

__all__ = ["DemoSummary", "fill_demo_database"]
