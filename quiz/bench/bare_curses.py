"""A reference for start-up: a bare curses program that shows one line and waits for a key."""

import curses


def main(screen: "curses.window") -> None:
    screen.addstr(0, 0, "党史学习")
    screen.refresh()
    screen.getch()


if __name__ == "__main__":
    curses.wrapper(main)
