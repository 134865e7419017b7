"""What operators see: Prometheus metrics, JSON logs and the request id that ties them together."""
