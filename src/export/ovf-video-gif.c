/* ovf-video-gif.c
 *
 * One palette for the clip, by median cut over sample frames, so colours
 * do not flicker from frame to frame. Ordered (Bayer) dithering, and only
 * where a colour is not in the palette: flat land and water stay flat, and
 * an unchanged pixel dithers the same in every frame, so each frame stores
 * only the rectangle that changed, its unchanged pixels transparent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gif_lib.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ovf-exporter.h"
#include "ovf-video-gif.h"

#define N_COLORS     255          /* and one transparent index */
#define TRANSPARENT  255
#define HIST_BITS    5
#define HIST_SIZE    (1 << (3 * HIST_BITS))
/* A colour this close to a palette entry (per channel) is not dithered. */
#define EXACT_ENOUGH 6

struct _OvfVideoGif
{
  FILE           *file;
  char           *path;
  int             saved_errno;
  GifFileType    *gif;
  int             width;
  int             height;
  int             fps;
  guint           n_frames;
  GifColorType    palette[256];
  gint16          nearest[HIST_SIZE];   /* -1 until looked up */
  guint8         *previous;             /* last frame's indices; NULL before the first */
  guint8         *current;
};

typedef struct
{
  guint32 key;     /* 15-bit colour */
  guint32 count;
} Bin;

typedef struct
{
  guint first;
  guint n;
} Box;

static inline guint32
hist_key (guint32 pixel)
{
  return ((pixel >> (16 + 8 - HIST_BITS)) & 0x1f) << 10 |
         ((pixel >> (8 + 8 - HIST_BITS)) & 0x1f) << 5 |
         ((pixel >> (8 - HIST_BITS)) & 0x1f);
}

static inline int
key_channel (guint32 key,
             int     channel)
{
  return (int) ((key >> (10 - 5 * channel)) & 0x1f);
}

static int sort_channel;

static int
compare_bins (gconstpointer a,
              gconstpointer b)
{
  return key_channel (((const Bin *) a)->key, sort_channel) - key_channel (((const Bin *) b)->key, sort_channel);
}

/* The channel along which @box spreads widest. */
static int
widest_channel (const Bin *bins,
                const Box *box,
                int       *out_range)
{
  int best = 0, best_range = -1;

  for (int c = 0; c < 3; c++)
    {
      int lo = 31, hi = 0;

      for (guint i = box->first; i < box->first + box->n; i++)
        {
          lo = MIN (lo, key_channel (bins[i].key, c));
          hi = MAX (hi, key_channel (bins[i].key, c));
        }
      if (hi - lo > best_range)
        {
          best = c;
          best_range = hi - lo;
        }
    }
  *out_range = best_range;
  return best;
}

/* Median cut: split the box with the most pixels and some spread at its
 * weighted median until there are N_COLORS boxes. */
static guint
median_cut (Bin  *bins,
            guint n_bins,
            Box  *boxes)
{
  guint n_boxes = 1;

  boxes[0] = (Box) { 0, n_bins };
  while (n_boxes < N_COLORS)
    {
      guint64 best_weight = 0;
      int pick = -1, channel = 0;

      for (guint b = 0; b < n_boxes; b++)
        {
          guint64 weight = 0;
          int range;

          if (boxes[b].n < 2)
            continue;
          widest_channel (bins, &boxes[b], &range);
          if (range == 0)
            continue;
          for (guint i = boxes[b].first; i < boxes[b].first + boxes[b].n; i++)
            weight += bins[i].count;
          if (weight > best_weight)
            {
              best_weight = weight;
              pick = (int) b;
            }
        }
      if (pick < 0)
        break;

      {
        Box *box = &boxes[pick];
        guint64 half = 0, total = 0;
        int range;
        guint split = 1;

        channel = widest_channel (bins, box, &range);
        sort_channel = channel;
        qsort (bins + box->first, box->n, sizeof (Bin), compare_bins);
        for (guint i = box->first; i < box->first + box->n; i++)
          total += bins[i].count;
        for (guint i = 0; i < box->n - 1; i++)
          {
            half += bins[box->first + i].count;
            split = i + 1;
            if (half * 2 >= total)
              break;
          }
        boxes[n_boxes] = (Box) { box->first + split, box->n - split };
        box->n = split;
        n_boxes++;
      }
    }
  return n_boxes;
}

static void
build_palette (OvfVideoGif      *self,
               cairo_surface_t **samples,
               guint             n_samples)
{
  g_autofree guint32 *hist = g_new0 (guint32, HIST_SIZE);
  g_autofree Bin *bins = NULL;
  Box boxes[N_COLORS];
  guint n_bins = 0, n_boxes;

  for (guint s = 0; s < n_samples; s++)
    {
      const guint8 *data = cairo_image_surface_get_data (samples[s]);
      int stride = cairo_image_surface_get_stride (samples[s]);

      for (int y = 0; y < self->height; y++)
        for (int x = 0; x < self->width; x++)
          hist[hist_key (((const guint32 *) (gconstpointer) (data + y * stride))[x])]++;
    }

  bins = g_new (Bin, HIST_SIZE);
  for (guint32 k = 0; k < HIST_SIZE; k++)
    if (hist[k] > 0)
      bins[n_bins++] = (Bin) { k, hist[k] };
  if (n_bins == 0)
    bins[n_bins++] = (Bin) { 0, 1 };

  n_boxes = median_cut (bins, n_bins, boxes);
  memset (self->palette, 0, sizeof self->palette);
  for (guint b = 0; b < n_boxes; b++)
    {
      double sum[3] = { 0, 0, 0 }, total = 0;

      for (guint i = boxes[b].first; i < boxes[b].first + boxes[b].n; i++)
        {
          for (int c = 0; c < 3; c++)
            sum[c] += (key_channel (bins[i].key, c) * 255.0 / 31.0) * bins[i].count;
          total += bins[i].count;
        }
      self->palette[b] = (GifColorType) {
        (GifByteType) (sum[0] / total + 0.5), (GifByteType) (sum[1] / total + 0.5), (GifByteType) (sum[2] / total + 0.5),
      };
    }
  for (guint b = n_boxes; b < N_COLORS; b++)
    self->palette[b] = self->palette[0];
  memset (self->nearest, 0xff, sizeof self->nearest);
}

static int
nearest_index (OvfVideoGif *self,
               int          r,
               int          g,
               int          b,
               int         *out_distance)
{
  guint32 key = (guint32) ((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3));
  int best = self->nearest[key];
  const GifColorType *p;

  if (best < 0)
    {
      int best_d = G_MAXINT;
      int cr = (r & ~7) | 4, cg = (g & ~7) | 4, cb = (b & ~7) | 4;

      for (int i = 0; i < N_COLORS; i++)
        {
          int dr = cr - self->palette[i].Red, dg = cg - self->palette[i].Green, db = cb - self->palette[i].Blue;
          int d = 2 * dr * dr + 4 * dg * dg + db * db;

          if (d < best_d)
            {
              best_d = d;
              best = i;
            }
        }
      self->nearest[key] = (gint16) best;
    }
  p = &self->palette[best];
  *out_distance = MAX (ABS (r - p->Red), MAX (ABS (g - p->Green), ABS (b - p->Blue)));
  return best;
}

static inline int
bayer (int x,
       int y)
{
  int v = 0;

  /* Interleaves the bits of x ^ y and y, most significant first. */
  for (int bit = 2; bit >= 0; bit--)
    v = (v << 2) | ((((x ^ y) >> bit) & 1) << 1) | ((y >> bit) & 1);
  return v;   /* 0..63 */
}

static void
quantize (OvfVideoGif     *self,
          cairo_surface_t *frame)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);

  for (int y = 0; y < self->height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + y * stride);
      guint8 *out = self->current + (gsize) y * self->width;

      for (int x = 0; x < self->width; x++)
        {
          int r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;
          int distance, index = nearest_index (self, r, g, b, &distance);

          if (distance > EXACT_ENOUGH)
            {
              int d = (bayer (x & 7, y & 7) - 32) * distance / 48;

              index = nearest_index (self, CLAMP (r + d, 0, 255), CLAMP (g + d, 0, 255), CLAMP (b + d, 0, 255),
                                     &distance);
            }
          out[x] = (guint8) index;
        }
    }
}

static int
write_bytes (GifFileType       *gif,
             const GifByteType *bytes,
             int                length)
{
  OvfVideoGif *self = gif->UserData;

  if (fwrite (bytes, 1, length, self->file) != (size_t) length)
    {
      self->saved_errno = errno;
      return 0;
    }
  return length;
}

static gboolean
check (OvfVideoGif *self,
       int          status,
       GError     **error)
{
  if (status == GIF_OK)
    return TRUE;
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"), self->path,
               self->saved_errno != 0 ? g_strerror (self->saved_errno) : GifErrorString (self->gif->Error));
  return FALSE;
}

static void
ovf_video_gif_free (OvfVideoGif *self)
{
  if (self->gif != NULL)
    EGifCloseFile (self->gif, NULL);
  g_free (self->previous);
  g_free (self->current);
  g_free (self->path);
  g_free (self);
}

OvfVideoGif *
ovf_video_gif_new (FILE             *file,
                   const char       *path,
                   int               width,
                   int               height,
                   int               fps,
                   cairo_surface_t **samples,
                   guint             n_samples,
                   GError          **error)
{
  OvfVideoGif *self = g_new0 (OvfVideoGif, 1);
  static const GifByteType loop[] = { 1, 0, 0 };   /* loop for ever */
  ColorMapObject *map;
  int status, gif_error = 0;

  self->file = file;
  self->path = g_strdup (path);
  self->width = width;
  self->height = height;
  self->fps = fps;
  self->current = g_malloc ((gsize) width * height);
  build_palette (self, samples, n_samples);

  self->gif = EGifOpen (self, write_bytes, &gif_error);
  if (self->gif == NULL)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"),
                   path, GifErrorString (gif_error));
      ovf_video_gif_free (self);
      return NULL;
    }
  EGifSetGifVersion (self->gif, TRUE);
  map = GifMakeMapObject (256, self->palette);
  status = EGifPutScreenDesc (self->gif, width, height, 8, 0, map);
  GifFreeMapObject (map);
  if (status == GIF_OK)
    status = EGifPutExtensionLeader (self->gif, APPLICATION_EXT_FUNC_CODE);
  if (status == GIF_OK)
    status = EGifPutExtensionBlock (self->gif, 11, "NETSCAPE2.0");
  if (status == GIF_OK)
    status = EGifPutExtensionBlock (self->gif, sizeof loop, loop);
  if (status == GIF_OK)
    status = EGifPutExtensionTrailer (self->gif);
  if (!check (self, status, error))
    {
      ovf_video_gif_free (self);
      return NULL;
    }
  return self;
}

/* The smallest rectangle holding every changed pixel; FALSE if none. */
static gboolean
changed_box (OvfVideoGif *self,
             int         *x0,
             int         *y0,
             int         *x1,
             int         *y1)
{
  *x0 = self->width;
  *y0 = self->height;
  *x1 = *y1 = -1;
  for (int y = 0; y < self->height; y++)
    {
      const guint8 *a = self->previous + (gsize) y * self->width, *b = self->current + (gsize) y * self->width;

      if (memcmp (a, b, self->width) == 0)
        continue;
      *y0 = MIN (*y0, y);
      *y1 = y;
      for (int x = 0; x < self->width; x++)
        if (a[x] != b[x])
          {
            *x0 = MIN (*x0, x);
            *x1 = MAX (*x1, x);
          }
    }
  return *x1 >= 0;
}

gboolean
ovf_video_gif_add_frame (OvfVideoGif      *self,
                         cairo_surface_t  *frame,
                         GError          **error)
{
  /* Centiseconds, rounded so the delays add up to the clip's length. */
  int delay = (int) ((self->n_frames + 1) * 100 / self->fps - self->n_frames * 100 / self->fps);
  GraphicsControlBlock control = {
    .DisposalMode = DISPOSE_DO_NOT, .DelayTime = delay, .TransparentColor = NO_TRANSPARENT_COLOR,
  };
  GifByteType extension[4];
  g_autofree guint8 *line = g_malloc (self->width);
  int x0 = 0, y0 = 0, x1 = self->width - 1, y1 = self->height - 1, status;

  cairo_surface_flush (frame);
  quantize (self, frame);
  if (self->previous != NULL)
    {
      control.TransparentColor = TRANSPARENT;
      /* Nothing changed: one transparent pixel keeps the frame's time. */
      if (!changed_box (self, &x0, &y0, &x1, &y1))
        x0 = x1 = y0 = y1 = 0;
    }

  status = EGifPutExtension (self->gif, GRAPHICS_EXT_FUNC_CODE, EGifGCBToExtension (&control, extension), extension);
  if (status == GIF_OK)
    status = EGifPutImageDesc (self->gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, FALSE, NULL);
  for (int y = y0; y <= y1 && status == GIF_OK; y++)
    {
      const guint8 *cur = self->current + (gsize) y * self->width;

      for (int x = x0; x <= x1; x++)
        line[x - x0] = self->previous != NULL && self->previous[(gsize) y * self->width + x] == cur[x]
                       ? TRANSPARENT : cur[x];
      status = EGifPutLine (self->gif, line, x1 - x0 + 1);
    }
  if (!check (self, status, error))
    return FALSE;

  if (self->previous == NULL)
    self->previous = g_malloc ((gsize) self->width * self->height);
  memcpy (self->previous, self->current, (gsize) self->width * self->height);
  self->n_frames++;
  return TRUE;
}

gboolean
ovf_video_gif_close (OvfVideoGif  *self,
                     GError      **error)
{
  int gif_error = 0;
  gboolean ok;

  ok = EGifCloseFile (self->gif, &gif_error) == GIF_OK;
  if (!ok)
    g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"), self->path,
                 self->saved_errno != 0 ? g_strerror (self->saved_errno) : GifErrorString (gif_error));
  self->gif = NULL;
  ovf_video_gif_free (self);
  return ok;
}
