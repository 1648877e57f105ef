/* SPDX-License-Identifier: MIT */
/*
 * P4: pv-heavy callers in the shapes kernel code has (irq-safe updates,
 * spin_lock_irqsave sections, a fault path, owner spinning), calling
 * callee-save ops.  bench/Makefile compiles this file twice with kernel
 * code-generation flags: with the plugin the op calls are sites, without
 * it <pvpatch.h> expands to nothing and they are plain calls of the same
 * functions.  Only the size of the code is compared; nothing here runs.
 */
#include <stdbool.h>
#include <stddef.h>
#include <pvpatch.h>

/* Linux's callee-save pv ops (irq, mmu and lock). */
unsigned long pv_save_fl(void) __paravirt_callee_save;
void pv_restore_fl(unsigned long flags) __paravirt_callee_save;
void pv_irq_disable(void) __paravirt_callee_save;
void pv_irq_enable(void) __paravirt_callee_save;
unsigned long pv_read_cr2(void) __paravirt_callee_save;
void pv_queued_spin_unlock(int *lock) __paravirt_callee_save;
bool pv_vcpu_is_preempted(long cpu) __paravirt_callee_save;

static inline unsigned long local_irq_save(void)
{
	unsigned long flags = pv_save_fl();

	pv_irq_disable();
	return flags;
}

static inline void spin_lock(int *lock)
{
	int unlocked = 0;

	while (!__atomic_compare_exchange_n(lock, &unlocked, 1, false,
					    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		unlocked = 0;
}

static inline unsigned long spin_lock_irqsave(int *lock)
{
	unsigned long flags = local_irq_save();

	spin_lock(lock);
	return flags;
}

static inline void spin_unlock_irqrestore(int *lock, unsigned long flags)
{
	pv_queued_spin_unlock(lock);
	pv_restore_fl(flags);
}

struct ring {
	unsigned long head, tail, mask, dropped;
	unsigned long *slots;
};

bool ring_push(struct ring *r, unsigned long value)
{
	unsigned long flags = local_irq_save();
	bool room = r->head - r->tail <= r->mask;

	if (room)
		r->slots[r->head++ & r->mask] = value;
	else
		r->dropped++;
	pv_restore_fl(flags);
	return room;
}

struct net_stats {
	unsigned long packets, bytes, errors, max_len;
};

void stats_account(struct net_stats *per_cpu, int cpu, unsigned long len,
		   bool error)
{
	struct net_stats *s = &per_cpu[cpu];
	unsigned long flags = local_irq_save();

	s->packets++;
	s->bytes += len;
	s->errors += error;
	if (len > s->max_len)
		s->max_len = len;
	pv_restore_fl(flags);
}

struct node {
	struct node *next, *prev;
	unsigned long key;
};

struct locked_list {
	int lock;
	unsigned long count;
	struct node head;
};

/* Insert n keeping the list sorted by key. */
void sorted_insert(struct locked_list *l, struct node *n)
{
	unsigned long flags = spin_lock_irqsave(&l->lock);
	struct node *pos = l->head.next;

	while (pos != &l->head && pos->key < n->key)
		pos = pos->next;
	n->next = pos;
	n->prev = pos->prev;
	pos->prev->next = n;
	pos->prev = n;
	l->count++;
	spin_unlock_irqrestore(&l->lock, flags);
}

struct node *pop_below(struct locked_list *l, unsigned long limit)
{
	unsigned long flags = spin_lock_irqsave(&l->lock);
	struct node *first = l->head.next;

	if (first == &l->head || first->key >= limit) {
		first = NULL;
	} else {
		first->next->prev = &l->head;
		l->head.next = first->next;
		l->count--;
	}
	spin_unlock_irqrestore(&l->lock, flags);
	return first;
}

struct fault_log {
	unsigned long addr[16];
	unsigned long code[16];
	unsigned long ip[16];
	unsigned int next, user, kernel;
};

/* A page fault's bookkeeping: cr2 is read with the fault's state live. */
void log_fault(struct fault_log *log, unsigned long code, unsigned long ip,
	       bool user)
{
	unsigned long addr = pv_read_cr2();
	unsigned int slot = log->next++ & 15;

	log->addr[slot] = addr;
	log->code[slot] = code;
	log->ip[slot] = ip;
	if (user)
		log->user++;
	else
		log->kernel++;
	if (code & 1)
		pv_irq_enable();
}

/* Apply a batch of updates, interrupts off for each one only. */
void apply_batch(unsigned long *table, const unsigned int *index,
		 const unsigned long *delta, size_t n, unsigned long mask)
{
	for (size_t i = 0; i < n; i++) {
		unsigned long *slot = &table[index[i] & mask];

		pv_irq_disable();
		*slot = (*slot + delta[i]) & ~mask;
		pv_irq_enable();
	}
}

struct owner_lock {
	int owner_cpu;
	int locked;
};

/* Spin while the owner runs; give up once its vCPU is preempted. */
bool spin_on_owner(struct owner_lock *l, int owner, long budget)
{
	while (__atomic_load_n(&l->owner_cpu, __ATOMIC_RELAXED) == owner &&
	       __atomic_load_n(&l->locked, __ATOMIC_ACQUIRE)) {
		if (pv_vcpu_is_preempted(owner) || --budget <= 0)
			return false;
		__builtin_ia32_pause();
	}
	return true;
}

/* Move up to n entries from one ring to another under both locks. */
size_t ring_transfer(struct ring *from, int *from_lock, struct ring *to,
		     int *to_lock, size_t n)
{
	unsigned long flags = spin_lock_irqsave(from_lock);
	size_t moved = 0;

	spin_lock(to_lock);
	while (moved < n && from->tail != from->head &&
	       to->head - to->tail <= to->mask) {
		to->slots[to->head++ & to->mask] =
			from->slots[from->tail++ & from->mask];
		moved++;
	}
	pv_queued_spin_unlock(to_lock);
	spin_unlock_irqrestore(from_lock, flags);
	return moved;
}
