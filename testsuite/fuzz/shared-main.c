/* SPDX-License-Identifier: MIT */
/* The program of a shared configuration of difffuzz.py: the csmith
   program is a shared object whose main() was renamed csmith_main. */
int csmith_main(int argc, char *argv[]);

int main(int argc, char *argv[])
{
	return csmith_main(argc, argv);
}
