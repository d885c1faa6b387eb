"""`quiz serve`: players reach the quiz over SSH (asyncssh) and in a browser (textual-serve).

Every session is one `quiz` process, forked from a server that has already imported the TUI
(multiprocessing's forkserver), in a pseudo-terminal for SSH or under Textual's web driver for
the browser. The player's identity comes from the server's login check, never from the client.

Nothing in this package imports Textual: the sessions import it in their own processes.
"""
