/* A site cannot have an exception edge into the calling function. */
/* { dg-do compile } */
/* { dg-options "-fexceptions -O0" } */
void op(void) __attribute__((paravirt));
void release(int *p);
static void cleanup(int *p) { release(p); }
void g(void)
{
	int guard __attribute__((cleanup(cleanup))) = 0;
	op(); /* { dg-error "may throw into a handler" } */
}
