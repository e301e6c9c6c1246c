#ifndef MDNX_CCAIRO_SHIM_H
#define MDNX_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#endif
