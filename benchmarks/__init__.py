"""Service benchmarks (data scale, load): scripts that print figures and write them to JSON. Not part of
the wheel; they start real `meishi serve` / `meishi worker` processes on loopback addresses only."""
