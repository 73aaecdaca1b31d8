/* The commit ccon was built from ("unknown" without git), written at
 * every build by scripts/commit-id.cmake. */
#ifndef CCON_COMMIT_H
#define CCON_COMMIT_H

extern const char ccon_git_commit[];

#endif
