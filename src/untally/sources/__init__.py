"""The upstreams untally syncs: one module each, registered in :mod:`untally.sources.registry`."""
