"""The roster of an organisation: units as a tree of paths, members, their logins and
passcodes, and participation reports. Never imports Textual."""
