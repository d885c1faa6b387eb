"""The rules of the game: modes, selection, sessions, checking, points, races. Pure: no store,
no UI, time only through `clock`."""
