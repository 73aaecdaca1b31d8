/* What the numbers and error ids a WSFC node reports mean: the Win32
 * codes of a resource's LastOperationStatusCode (and of the HRESULTs that
 * wrap them), and the FullyQualifiedErrorId ids of the FailoverClusters
 * cmdlets (WSFC-NOTES §1 LastOperationStatusCode, §4 Errors). One table
 * each, and every answer ccon gives about them (the words shown, whether
 * a node's link counts as dead) comes from these tables. Only ids and
 * numbers are matched, never message text, which is localized. A number
 * not in the table is "code N (unknown)", never guessed. */
#ifndef CCON_WSFC_CODES_H
#define CCON_WSFC_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a failure says about the node that reported it. */
enum wsfc_fault {
	WSFC_FAULT_NONE = 0,        /* success */
	WSFC_FAULT_OTHER,           /* this operation failed; the node is fine */
	WSFC_FAULT_SERVICE_DOWN,    /* the cluster service is not running here */
	WSFC_FAULT_UNREACHABLE,     /* the cluster cannot be reached over RPC */
	WSFC_FAULT_NO_QUORUM,       /* this node is not in a cluster with quorum */
	WSFC_FAULT_SHUTTING_DOWN,   /* the cluster service is going away here */
	WSFC_FAULT_NOT_CLUSTERED,   /* Failover Clustering is not on this node */
	WSFC_FAULT_OTHER_NODE,      /* a node the command names is out of reach */
	WSFC_FAULT_LOCKED,          /* a resource or group is locked */
	WSFC_FAULT_BUSY,            /* a group is moving or queued: try later */
	WSFC_FAULT_NOT_FOUND,       /* no such resource, group or node */
	WSFC_FAULT_ACCESS_DENIED,
	WSFC_FAULT_SCRIPT,          /* ccon's script does not fit this node */
};

struct wsfc_fault_info {
	enum wsfc_fault fault;
	const char *word;           /* "service-down", for logs and JSON */
	const char *what;           /* for people */
	bool dead_link;             /* this node cannot speak for the cluster
				     * now: treat it as a dead link and ask
				     * another node */
};

/* The entry of f (every enum value has one). */
const struct wsfc_fault_info *wsfc_fault_info(enum wsfc_fault f);
extern const struct wsfc_fault_info wsfc_faults[];
extern const size_t n_wsfc_faults;

/* A Win32 code: its number, its symbolic name in winerror.h and the short
 * meaning of Microsoft's System Error Codes pages. */
struct wsfc_code {
	uint32_t code;
	const char *name;
	const char *meaning;
	enum wsfc_fault fault;
};

extern const struct wsfc_code wsfc_codes[];   /* sorted by code */
extern const size_t n_wsfc_codes;

/* The entry of a code as a node reports it (LastOperationStatusCode is a
 * UInt64): a Win32 code, or an HRESULT of FACILITY_WIN32 (0x8007xxxx,
 * also sign-extended to 64 bits, or as a negative Int32 read into 64
 * bits) which stands for the Win32 code xxxx. NULL when unknown. */
const struct wsfc_code *wsfc_code_find(uint64_t code);

/* "5007 ERROR_RESOURCE_NOT_FOUND: The cluster resource could not be
 * found.", for an HRESULT "0x8007138F = 5007 ERROR_...: ...", or "code N
 * (unknown)", into buf (size sz > 0), cut short if need be. Returns buf. */
char *wsfc_code_describe(char *buf, size_t sz, uint64_t code);

/* An error id: the part of a FullyQualifiedErrorId before its first comma
 * (the part after it names the cmdlet's class, which is irregular). */
struct wsfc_errid {
	const char *id;
	enum wsfc_fault fault;
	const char *meaning;
};

extern const struct wsfc_errid wsfc_errids[];
extern const size_t n_wsfc_errids;

/* The entry whose id is fqid's part before its first comma (ASCII case
 * ignored), or NULL. */
const struct wsfc_errid *wsfc_errid_find(const char *fqid);

/* The fault of a failure: by its error id if the table knows it, else by
 * its code when has_code, else WSFC_FAULT_OTHER. fqid may be NULL. */
enum wsfc_fault wsfc_classify(const char *fqid, bool has_code, uint64_t code);

#endif
