/* Tones: how a piece of the screen looks, by what it means (online,
 * pending, failed...). Views pick tones; the theme turns them into
 * attributes. */
#ifndef CCON_TONE_H
#define CCON_TONE_H

enum tone {
	TONE_NORMAL,
	TONE_ONLINE,        /* online, up, ok */
	TONE_OFFLINE,       /* offline, down */
	TONE_PENDING,       /* any pending state, joining */
	TONE_WARN,          /* partially online, warnings */
	TONE_FAILED,        /* failed, blocked, unclean, errors */
	TONE_TR_FAILED,     /* the row's last request failed or timed out */
	TONE_UNKNOWN,       /* unknown state, stale data */
	TONE_PAUSED,        /* paused, standby, maintenance, unmanaged */
	TONE_HEADING,       /* a pseudo row such as "(no group)" */
	TONE_COUNT
};

#endif
