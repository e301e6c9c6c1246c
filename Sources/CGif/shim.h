#ifndef MDNX_CGIF_SHIM_H
#define MDNX_CGIF_SHIM_H
#include <gif_lib.h>
#endif
