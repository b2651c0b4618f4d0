/* x11-map-watch.c
 *
 * Tells when top-level windows appear on an X display, as they appear:
 * for each window mapped on the root (not override-redirect, at least
 * 200×200), one line
 *
 *   map MONOTONIC_NS WINDOW PID WIDTHxHEIGHT
 *
 * on stdout, PID from _NET_WM_PID (0 when unset).  The harness starts it
 * once per session and reads a peer's first frame from it, event-driven,
 * with no polling to disturb what is measured.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <stdio.h>
#include <time.h>

#define MINIMUM_SIDE 200

static unsigned long
window_pid (Display *display,
            Window   window,
            Atom     pid_atom)
{
  Atom type;
  int format;
  unsigned long n_items, remaining, pid = 0;
  unsigned char *data = NULL;

  if (XGetWindowProperty (display, window, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format,
                          &n_items, &remaining, &data) == Success && data != NULL)
    {
      if (n_items == 1 && format == 32)
        pid = *(unsigned long *) data;
      XFree (data);
    }
  return pid;
}

static int
ignore_errors (Display     *display,
               XErrorEvent *event)
{
  /* A window can be gone by the time it is looked at. */
  return 0;
}

int
main (void)
{
  Display *display = XOpenDisplay (NULL);
  Atom pid_atom;

  if (display == NULL)
    {
      fprintf (stderr, "x11-map-watch: cannot open the display\n");
      return 1;
    }
  XSetErrorHandler (ignore_errors);
  pid_atom = XInternAtom (display, "_NET_WM_PID", False);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  printf ("ready\n");
  fflush (stdout);

  for (;;)
    {
      XEvent event;
      struct timespec now;
      XWindowAttributes attributes;

      XNextEvent (display, &event);
      if (event.type != MapNotify || event.xmap.override_redirect)
        continue;
      clock_gettime (CLOCK_MONOTONIC, &now);
      if (!XGetWindowAttributes (display, event.xmap.window, &attributes) ||
          attributes.width < MINIMUM_SIDE || attributes.height < MINIMUM_SIDE)
        continue;
      printf ("map %lld 0x%lx %lu %dx%d\n",
              (long long) now.tv_sec * 1000000000LL + now.tv_nsec, event.xmap.window,
              window_pid (display, event.xmap.window, pid_atom), attributes.width, attributes.height);
      fflush (stdout);
    }
  return 0;
}
