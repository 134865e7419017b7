"""Benchmarks (not shipped in the wheel or the image): the card reader's accuracy and speed (`run`,
`worker`, ...), and the service's data scale and load (`data_scale`, `load`: real `meishi serve` /
`meishi worker` processes on loopback addresses only). Each prints figures and writes them to JSON."""
