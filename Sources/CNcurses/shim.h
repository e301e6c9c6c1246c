#ifndef MDNX_CNCURSES_SHIM_H
#define MDNX_CNCURSES_SHIM_H
// Wide-character ncurses: without this, get_wch, mvaddwstr, cchar_t and setcchar are hidden.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
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
static inline attr_t mdnx_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mdnx_a_normal(void) { return A_NORMAL; }
#endif
