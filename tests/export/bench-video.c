/* bench-video.c: how fast --export-video renders, and how much memory and disk it takes
 *
 * The figures: 60 s of 1920×1080 at 30 fps over the whole story
 * as VP9, with the fixed camera (goal: at most 60 s) and the follow camera
 * (at most 120 s), each under 500 MiB; the whole story as a 960×540,
 * 12 fps, 30 s GIF under 8 MB. Each clip is rendered by the program,
 * as a user would, so its wall time, CPU time and peak memory are its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "test-util.h"

typedef struct
{
  const char *name;
  const char *file;
  const char *args[12];
  double      max_wall_s;
  gint64      max_bytes;
} Clip;

static const Clip clips[] = {
  { "fixed camera, 1920x1080, 30 fps, 60 s, VP9", "fixed.webm",
    { "--size", "1920x1080", "--fps", "30", "--duration", "60", "--camera", "fixed", NULL }, 60.0, 0 },
  { "follow camera, 1920x1080, 30 fps, 60 s, VP9", "follow.webm",
    { "--size", "1920x1080", "--fps", "30", "--duration", "60", "--camera", "follow", NULL }, 120.0, 0 },
  { "GIF, 960x540, 12 fps, 30 s", "story.gif",
    { "--size", "960x540", "--fps", "12", "--duration", "30", NULL }, 0.0, 8000000 },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ovf-bench-video-XXXXXX", &error);
  gboolean ok = TRUE;

  g_assert_no_error (error);
  if (argc < 2)
    {
      g_printerr ("usage: bench-video OVERFLIGHT\n");
      return 2;
    }

  for (guint c = 0; c < G_N_ELEMENTS (clips); c++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = g_build_filename (dir, clips[c].file, NULL);
      struct rusage usage;
      GStatBuf st;
      gint64 start = g_get_monotonic_time ();
      double wall, cpu;
      GPid pid;
      int status;

      g_ptr_array_add (args, argv[1]);
      g_ptr_array_add (args, "--export-video");
      g_ptr_array_add (args, out);
      for (guint i = 0; clips[c].args[i] != NULL; i++)
        g_ptr_array_add (args, (char *) clips[c].args[i]);
      g_ptr_array_add (args, NULL);

      g_assert_true (g_spawn_async (NULL, (char **) args->pdata, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      /* wait4: this child's own CPU time and peak memory. */
      g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
      wall = (g_get_monotonic_time () - start) / 1e6;
      cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_assert_cmpint (g_stat (out, &st), ==, 0);

      g_print ("%s: %.1f s wall, %.1f s CPU, peak %.0f MiB, %.1f MB\n", clips[c].name, wall, cpu,
               usage.ru_maxrss / 1024.0, st.st_size / 1e6);
      if ((clips[c].max_wall_s > 0 && wall > clips[c].max_wall_s) || usage.ru_maxrss > 500 * 1024 ||
          (clips[c].max_bytes > 0 && st.st_size > clips[c].max_bytes))
        {
          g_print ("  over its goal\n");
          ok = FALSE;
        }
    }

  test_remove_tree (dir);
  /* Wall time depends on what else the machine runs: read the figures
   * with the load beside them. */
  return ok ? 0 : 1;
}
