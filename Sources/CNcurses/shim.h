#ifndef MDNX_CNCURSES_SHIM_H
#define MDNX_CNCURSES_SHIM_H
// Wide-character ncurses: without this, get_wch, mvaddwstr, cchar_t and setcchar are hidden.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects C globals as shared mutable state: read them through accessors.
static inline WINDOW *mdnx_stdscr(void) { return stdscr; }
static inline int mdnx_lines(void) { return LINES; }
static inline int mdnx_cols(void) { return COLS; }
static inline int mdnx_colors(void) { return COLORS; }
static inline int mdnx_color_pairs(void) { return COLOR_PAIRS; }
// Function-like attribute macros do not import.
static inline attr_t mdnx_a_bold(void) { return A_BOLD; }
static inline attr_t mdnx_a_dim(void) { return A_DIM; }
static inline attr_t mdnx_a_reverse(void) { return A_REVERSE; }
static inline attr_t mdnx_a_normal(void) { return A_NORMAL; }

// Key codes and status values (macros that do not import, or only as untyped literals).
static inline int mdnx_key_resize(void) { return KEY_RESIZE; }
static inline int mdnx_key_f(int n) { return KEY_F(n); }
static inline int mdnx_key_home(void) { return KEY_HOME; }
static inline int mdnx_key_end(void) { return KEY_END; }
static inline int mdnx_key_code_yes(void) { return KEY_CODE_YES; }
static inline int mdnx_key_left(void) { return KEY_LEFT; }
static inline int mdnx_key_right(void) { return KEY_RIGHT; }
static inline int mdnx_key_sleft(void) { return KEY_SLEFT; }
static inline int mdnx_key_sright(void) { return KEY_SRIGHT; }
static inline int mdnx_key_mouse(void) { return KEY_MOUSE; }

/// Asks for the first button's clicks and presses (reported at once: no click interval).
static inline void mdnx_enable_mouse(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
}

/// After KEY_MOUSE: 1 and the cell when the event is a first-button click or press, else 0.
static inline int mdnx_get_click(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    if (!(e.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))) return 0;
    *x = e.x;
    *y = e.y;
    return 1;
}
static inline int mdnx_err(void) { return ERR; }
static inline int mdnx_ok(void) { return OK; }

/// Starts curses on the process's stdout/stdin (the C stdio globals are not usable from
/// Swift 6). Returns NULL instead of exiting when the terminal type is unusable.
static inline SCREEN *mdnx_newterm(const char *term) { return newterm(term, stdout, stdin); }

/// Reads one key (wide character or function key) from stdscr; returns OK, KEY_CODE_YES or ERR.
static inline int mdnx_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    return rc;
}

/// Draws one wide character with attributes and a (possibly extended) colour pair at (y, x).
static inline int mdnx_put_wchar(int y, int x, unsigned int scalar, attr_t attrs, int pair) {
    cchar_t cc;
    wchar_t text[2] = { (wchar_t)scalar, 0 };
    int ext = pair;
    if (setcchar(&cc, text, attrs, (short)(pair < 32767 ? pair : 0), &ext) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

/// Draws `n` wide characters in one style (attributes + possibly extended colour pair) from (y, x).
static inline int mdnx_put_run(int y, int x, const unsigned int *scalars, int n, attr_t attrs, int pair) {
    wchar_t buf[512];
    if (n > 511) n = 511;
    for (int i = 0; i < n; i++) buf[i] = (wchar_t)scalars[i];
    buf[n] = 0;
    int ext = pair;
    wattr_set(stdscr, attrs, (short)(pair < 32767 ? pair : 0), &ext);
    return mvwaddnwstr(stdscr, y, x, buf, n);
}

/// Fatal signals (trap, abort, segfault ...): leave curses so the shell is usable, then die
/// with the original signal. endwin is not async-signal-safe, but the process is ending anyway.
static inline void mdnx_fatal_signal_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Installs the fatal-signal handler for SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE.
static inline void mdnx_install_fatal_handlers(void) {
    int sigs[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) signal(sigs[i], mdnx_fatal_signal_handler);
}

static inline void mdnx_endwin_at_exit(void) { if (!isendwin()) endwin(); }
/// Registers endwin() with atexit so exit() from anywhere restores the terminal.
static inline void mdnx_register_atexit_endwin(void) { atexit(mdnx_endwin_at_exit); }
#endif
