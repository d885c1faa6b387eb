"""The machine: paths, files written without loss, store locations, settings, the clock."""
