"""Score history and the shared campaign record: `protocol.Store` is what the program asks of
it, `opening.open_store` gives the backend a location names. Every SQL statement lives here.
Never imports Textual."""
