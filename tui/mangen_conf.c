/* ccon.conf.5: every key of the schema's tables, section by section,
 * with its type, range, default and help. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "conf/reader.h"
#include "conf/schema.h"
#include "tui/mangen.h"

/* What a key's value is written as, after "key = ". */
static const char *
type_word(const struct schema_key *k)
{
	switch (k->type) {
	case SCHEMA_BOOL:
	case SCHEMA_BOOL_INHERIT:
		return "true|false";
	case SCHEMA_SECONDS:
	case SCHEMA_SECONDS_MS:
		return "seconds";
	case SCHEMA_WHOLE_SECONDS:
		return "whole seconds";
	case SCHEMA_INT:
	case SCHEMA_U64:
		return "integer";
	case SCHEMA_STRING:
		return "\"string\"";
	case SCHEMA_PATH:
		return "\"path\"";
	case SCHEMA_STRINGS:
		return "[ \"string\", ... ]";
	case SCHEMA_WORD:
		return "\"word\"";
	case SCHEMA_COLOR:
		return "colour";
	case SCHEMA_GROUP:
		return "{ ... }";
	case SCHEMA_LIST:
		return "( { ... }, ... )";
	}
	return "value";
}

static bool
is_number(const struct schema_key *k)
{
	switch (k->type) {
	case SCHEMA_SECONDS:
	case SCHEMA_SECONDS_MS:
	case SCHEMA_WHOLE_SECONDS:
	case SCHEMA_INT:
	case SCHEMA_U64:
		return true;
	default:
		return false;
	}
}

static void
colour_value(FILE *out, int c)
{
	const char *name = reader_color_name(c);

	if (name != NULL)
		fprintf(out, "\\(dq%s\\(dq", name);
	else
		fprintf(out, "%d", c);
}

/* What a colour is written as, once for a section of them. */
static void
colours(FILE *out)
{
	const char *name;
	int c, n = 0;

	fputs("A colour is a name (", out);
	for (c = 0; c < 256; c++) {
		if ((name = reader_color_name(c)) == NULL)
			continue;
		fprintf(out, "%s%s", n++ > 0 ? ", " : "", name);
	}
	if ((name = reader_color_name(CONF_COLOR_DEFAULT)) != NULL)
		fprintf(out, ", or %s for the terminal's own colour", name);
	fputs(") or a number 0 to 255 on a 256\\-colour terminal. Colour is "
	      "never the only carrier: every state also has its word, and "
	      "\\fBNO_COLOR\\fR in the environment turns colours off.\n",
	      out);
}

/* The facts of one key after its help: the values it takes, whether it
 * is required, its default, an example. */
static void
key_facts(FILE *out, const struct schema_key *k)
{
	size_t i;

	if (is_number(k)) {
		if (isinf(k->max))
			fprintf(out, "%g or more", k->min);
		else
			fprintf(out, "%g to %g", k->min, k->max);
		fputs(k->type == SCHEMA_SECONDS ||
		    k->type == SCHEMA_SECONDS_MS ? ", fractions allowed.\n" :
		    ".\n", out);
	}
	if (k->type == SCHEMA_PATH)
		fputs("A leading \\fI~/\\fR is the home directory.\n", out);
	if (k->type == SCHEMA_WORD && k->words != NULL) {
		fputs("One of", out);
		for (i = 0; k->words[i] != NULL; i++) {
			fputs(i == 0 ? " " : k->words[i + 1] == NULL ?
			    " or " : ", ", out);
			fputs("\\(dq", out);
			roff_text(out, k->words[i], false);
			fputs("\\(dq", out);
		}
		fputs(".\n", out);
	}
	if (k->flags & SCHEMA_REQUIRED)
		fputs("Required.\n", out);
	if (schema_has_default(k)) {
		fputs("Default: ", out);
		switch (k->type) {
		case SCHEMA_BOOL:
			fputs(k->def != 0 ? "true" : "false", out);
			break;
		case SCHEMA_WORD:
			fputs("\\(dq", out);
			roff_text(out, k->def_word != NULL ? k->def_word :
			    k->words != NULL ? k->words[0] : "", false);
			fputs("\\(dq", out);
			break;
		case SCHEMA_COLOR:
			colour_value(out, (int)k->def);
			break;
		default:
			fprintf(out, "%g", k->def);
			break;
		}
		fputs(".\n", out);
	}
	/* A group's, a list entry's and a string list's "what" is an
	 * example of it. */
	if (k->what != NULL && (k->type == SCHEMA_GROUP ||
	    k->type == SCHEMA_LIST || k->type == SCHEMA_STRINGS)) {
		fputs("For example: \\fB", out);
		roff_text(out, k->what, false);
		fputs("\\fR\n", out);
	}
}

static void
section(FILE *out, const struct schema_section *sec,
    const struct schema_section *parent, const char *key,
    enum schema_type type)
{
	const struct schema_key *k;
	size_t i;

	if (parent == NULL)
		fputs(".SS \"The top level\"\n", out);
	else {
		fputs(".SS \"", out);
		roff_text(out, key, false);
		fputs(type == SCHEMA_LIST ? " = ( { ... }, ... )" :
		    " = { ... }", out);
		if (parent != &schema_top) {
			fputs(", in each ", out);
			roff_text(out, parent->name, false);
		}
		fputs("\"\n", out);
		if (type == SCHEMA_LIST) {
			fputs("Each group of the list is one ", out);
			roff_text(out, sec->name, false);
			fputs(", with these keys.\n", out);
		}
	}
	for (i = 0; i < sec->n_keys; i++)
		if (sec->keys[i].type == SCHEMA_COLOR) {
			colours(out);
			break;
		}
	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		fputs(".TP\n\\fB", out);
		roff_text(out, k->key, false);
		fputs("\\fR = \\fI", out);
		roff_text(out, type_word(k), false);
		fputs("\\fR\n", out);
		if (k->help != NULL)
			roff_sentence(out, k->help);
		if (k->section != NULL)
			fputs("Its keys are below.\n", out);
		key_facts(out, k);
	}
	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		if (k->section != NULL && (k->type == SCHEMA_GROUP ||
		    k->type == SCHEMA_LIST))
			section(out, k->section, sec, k->key, k->type);
	}
}

void
mangen_conf5(FILE *out)
{
	fprintf(out, ".\\\" Generated by ccon_mangen from ccon's tables; "
	    "do not edit.\n"
	    ".TH CCON.CONF 5 \"\" \"ccon %s\" \"File Formats\"\n",
	    CCON_VERSION);
	fputs(".SH NAME\n"
	      "ccon.conf \\- configuration file of ccon, the console for "
	      "high\\-availability clusters\n"
	      ".SH SYNOPSIS\n"
	      "\\fI$XDG_CONFIG_HOME/ccon/ccon.conf\\fR, "
	      "\\fI~/.config/ccon/ccon.conf\\fR\n"
	      ".SH DESCRIPTION\n"
	      "\\fBccon\\fR(1) reads its settings and its clusters from this "
	      "file, when it exists, or from the one \\fB\\-\\-config\\fR "
	      "names. Settings given on the command line win over the file "
	      "(\\fB\\-\\-readonly\\fR makes every cluster read\\-only "
	      "whatever the file says).\n"
	      ".PP\n"
	      "The syntax is libconfig's: \\fIkey\\fR \\fB=\\fR "
	      "\\fIvalue\\fR\\fB;\\fR, with strings in double quotes, "
	      "\\fBtrue\\fR and \\fBfalse\\fR, numbers, groups "
	      "\\fB{\\fR ... \\fB}\\fR of settings, lists "
	      "\\fB(\\fR ... \\fB)\\fR of groups and arrays "
	      "\\fB[\\fR ... \\fB]\\fR of strings. Comments start with "
	      "\\fB#\\fR or \\fB//\\fR, or are put between \\fB/*\\fR and "
	      "\\fB*/\\fR. An integer larger than 2147483647 needs an "
	      "\\fBL\\fR suffix (\\fBseed = 4294967296L;\\fR), or libconfig "
	      "cuts it.\n"
	      ".PP\n"
	      "Every key is optional unless it says it is required. An "
	      "unknown or misspelt key is an error, and so is a value of the "
	      "wrong type or out of range: ccon names the file, the line and "
	      "the key it probably meant, and exits with status 2. Seconds "
	      "may be written as integers or not (\\fB5\\fR, \\fB0.5\\fR).\n"
	      ".SH KEYS\n", out);
	section(out, &schema_top, NULL, NULL, SCHEMA_GROUP);
	fputs(".SH EXAMPLE\n"
	      "A Pacemaker cluster watched read\\-only over SSH, and a "
	      "simulated one to rehearse on:\n"
	      ".PP\n.RS\n.EX\n"
	      "refresh = 2;\n"
	      "colors = { pending = 214; };\n"
	      "clusters = (\n"
	      "  {\n"
	      "    name = \"prod\";\n"
	      "    driver = \"pacemaker\";\n"
	      "    nodes = [ \"db1.example.com\", \"hacluster@db2.example.com:2222\" ];\n"
	      "    user = \"hacluster\";\n"
	      "    identity = \"~/.ssh/id_ed25519\";\n"
	      "    readonly = true;\n"
	      "  },\n"
	      "  {\n"
	      "    name = \"lab\";\n"
	      "    driver = \"sim\";\n"
	      "    sim = { seed = 7; calm = true; };\n"
	      "  }\n"
	      ");\n"
	      ".EE\n.RE\n"
	      ".SH FILES\n"
	      ".TP\n\\fI/usr/share/doc/ccon/examples/ccon.conf.example\\fR\n"
	      "Every key with its default and a longer explanation, commented "
	      "(installed with the documentation; this is where the Debian "
	      "package puts it).\n"
	      ".SH SEE ALSO\n"
	      "\\fBccon\\fR(1), \\fBssh_config\\fR(5)\n", out);
}
