/* A file with no pvpatch annotations at all compiles to exactly the code
   it has without the plugin, at -O3 with calls of every kind. */
/* { dg-do assemble } */
/* { dg-options "-O3 -fPIC" } */
#include <stdarg.h>
#include <string.h>
struct s { int a; double d; char buf[40]; };
extern int ext(int, ...);
extern struct s mk(int);
static int (*hook)(const char *, int);
int vsum(int n, ...) { va_list ap; int s = 0; va_start(ap, n); while (n--) s += va_arg(ap, int); va_end(ap); return s; }
int use(const char *p, int n) { struct s x = mk(n); memcpy(x.buf, p, n & 31); return hook(x.buf, x.a) + ext(n, x.d, p) + vsum(3, 1, 2, n); }
__attribute__((noinline)) static double leaf(double x) { return x * x + 1; }
double call_leaf(double y) { return leaf(y) + leaf(y + 1); }
int rec(int n) { return n < 2 ? n : rec(n - 1) + rec(n - 2); }
/* { dg-final { pvpatch-same-code-without-plugin } } */
