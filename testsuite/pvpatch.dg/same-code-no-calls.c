/* A file that declares ops but never calls them compiles to exactly the
   code it has without the plugin. */
/* { dg-do assemble } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
unsigned long save_fl(void) __paravirt_callee_save;
struct ops { void (*f)(void) __paravirt; } ops_table;
typedef long (*fn_t)(long);
long plain(long);
static long twice(fn_t f, long x) { return f(f(x)); }
long user(long x, fn_t g) { return twice(g, x) + plain(x); }
struct big { long a[8]; };
struct big make(long x) { struct big b = { { x, x + 1 } }; return b; }
double fp(double a, double b) { return a * b + plain((long)a); }
long tail(long x) { return plain(x + 1); }
long loop(long *p, int n) { long s = 0; for (int i = 0; i < n; i++) s += plain(p[i]); return s; }
/* { dg-final { pvpatch-same-code-without-plugin } } */
