/* The attribute applies only to functions and function pointers. */
/* { dg-do compile } */
int counter __attribute__((paravirt)); /* { dg-error "applies only to functions" } */
void (*table[4])(void) __attribute__((paravirt)); /* { dg-error "applies only to functions" } */
typedef void op_t(void) __attribute__((paravirt)); /* { dg-error "applies only to functions" } */
struct s { int n __attribute__((paravirt)); }; /* { dg-error "applies only to functions" } */
void f(void (__attribute__((paravirt)) *p)(void)); /* { dg-error "applies only to functions" } */
void g(void)
{
	static void (*ok)(void) __attribute__((paravirt));
	void (*automatic)(void) __attribute__((paravirt)); /* { dg-error "needs static storage duration" } */
	(void)ok; (void)automatic;
}
