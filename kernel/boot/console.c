// SPDX-License-Identifier: MIT
/* The serial console (COM1), driven through the port-I/O ops. */
#include <stdarg.h>

#include "pvboot.h"

#define COM1 0x3f8
#define LSR_THR_EMPTY 0x20

void console_init(void)
{
	pv_ops.outb(0x00, COM1 + 1);	/* no UART interrupts */
	pv_ops.outb(0x80, COM1 + 3);	/* divisor latch: */
	pv_ops.outb(0x01, COM1 + 0);	/*   115200 baud */
	pv_ops.outb(0x00, COM1 + 1);
	pv_ops.outb(0x03, COM1 + 3);	/* 8N1 */
	pv_ops.outb(0xc7, COM1 + 2);	/* FIFOs on and cleared */
	pv_ops.outb(0x03, COM1 + 4);	/* DTR, RTS */
}

static void put_char(char c)
{
	while (!(pv_ops.inb(COM1 + 5) & LSR_THR_EMPTY))
		;
	pv_ops.outb(c, COM1);
}

static void put_string(const char *s)
{
	while (*s)
		put_char(*s++);
}

static void put_number(unsigned long n, unsigned base, int width)
{
	char digits[12];
	int len = 0;

	do {
		digits[len++] = "0123456789abcdef"[n % base];
		n /= base;
	} while (n);
	while (width-- > len)
		put_char('0');
	while (len)
		put_char(digits[--len]);
}

/* %s, %c, %u, %x and %lu, %lx; a zero-padded width for numbers (%02x). */
static void vkprintf(const char *fmt, va_list args)
{
	for (; *fmt; fmt++) {
		int width = 0;

		if (*fmt != '%') {
			put_char(*fmt);
			continue;
		}
		while (*++fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt - '0');
		if (*fmt == 'l')
			fmt++;		/* long is int-sized here */
		switch (*fmt) {
		case 's':
			put_string(va_arg(args, const char *));
			break;
		case 'c':
			put_char((char)va_arg(args, int));
			break;
		case 'u':
			put_number(va_arg(args, unsigned long), 10, width);
			break;
		case 'x':
			put_number(va_arg(args, unsigned long), 16, width);
			break;
		default:
			put_char(*fmt);
		}
	}
}

void kprintf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vkprintf(fmt, args);
	va_end(args);
}

bool check(bool ok, const char *fmt, ...)
{
	va_list args;

	put_string(ok ? "PASS: " : "FAIL: ");
	va_start(args, fmt);
	vkprintf(fmt, args);
	va_end(args);
	put_char('\n');
	return ok;
}
