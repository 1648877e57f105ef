/* A noreturn op cannot be a site. */
/* { dg-do compile } */
__attribute__((noreturn)) void die(void) __attribute__((paravirt));
void g(void)
{
	die(); /* { dg-error "paravirt op 'die' is 'noreturn'" } */
}
