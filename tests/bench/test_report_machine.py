"""Benchmark results name the CPU their seconds were measured on."""

from __future__ import annotations

from pathlib import Path

from benchmarks.report import machine, stamp

CPUINFO = """processor\t: 0
model name\t: AMD EPYC
flags\t\t: fpu sse2 avx fma avx2 bmi2
processor\t: 1
model name\t: AMD EPYC
flags\t\t: fpu sse2 avx fma avx2 bmi2
"""


def test_the_machine_is_the_cpu_its_cores_and_its_vector_units(tmp_path: Path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(CPUINFO)
    assert machine(cpuinfo) == "AMD EPYC, 2 cores, avx2"
    cpuinfo.write_text(CPUINFO.replace("avx2", "avx2 avx512f amx_tile").replace("AMD EPYC", "Intel Xeon"))
    assert machine(cpuinfo) == "Intel Xeon, 2 cores, avx2, avx512f, amx_tile"


def test_without_cpuinfo_the_machine_is_unknown(tmp_path: Path):
    assert machine(tmp_path / "absent") == "?"


def test_every_stamped_result_names_its_machine():
    stamped = stamp({"figure": 1}, "abc1234")
    assert stamped["figure"] == 1 and stamped["commit"] == "abc1234" and stamped["machine"]
