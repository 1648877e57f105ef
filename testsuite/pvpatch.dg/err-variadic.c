/* Variadic functions cannot be ops. */
/* { dg-do compile } */
int op(const char *, ...) __attribute__((paravirt)); /* { dg-error "variadic ops cannot be patched" } */
struct s { int (*log)(const char *, ...) __attribute__((paravirt)); }; /* { dg-error "variadic ops cannot be patched" } */
