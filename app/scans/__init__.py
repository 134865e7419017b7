"""Card scans: upload intake, storage of the photos, reading in a bounded pool or on RQ workers."""
