"""The maps' code in the browser: one small library every map carries inline (no file, no CDN).

    m.add_child(Library())          # defines window.atlas once, before any layer uses it

What it does, in plain Leaflet:

- **incidents** (`atlas.incidents(group, map, payload)`): draws the incidents the page sent. Incidents closer than a
  marker's radius at the current zoom become one marker whose popup lists them all, each with its link; the
  grouping is redone on every zoom. Small markers are drawn above large ones, the selected one on top; a hollow
  marker takes clicks over its whole disc, not only its outline. Every marker is a keyboard stop with an accessible
  name; Enter opens its popup and focuses its first link.
- **the view**: the payload says how the map should look. While the person has not panned or zoomed, the map fits
  each new set of filters; once they have, their view is kept (a view from the URL counts as theirs). A "reset"
  gives the map back to the filters. A "focus" centres one incident and opens its popup.
- **messages to the page**: the map runs in a sandboxed frame that may not navigate the page. A click on a popup's
  link sends the page a message through the map component's value (`last_geocoder_result`, a field the component
  passes back as it is and that no geocoder here uses): ``{open: id, nonce, seq}``, repeated in later reports until
  the next request (the page acts on each nonce and seq once); every report also says whether the person has moved
  the map. Outside the dashboard (a standalone HTML file) the link is an ordinary link.
- **labels** (`atlas.labels(map, source)`): town, village, governorate and river names by zoom, placed without
  overlapping, below the incidents and never in the way of a click. `source` is a URL on this server or the rows.
- **legend**: collapsible, closed on a narrow or low map (a phone, the Incident page's small map).
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

#: The JavaScript; every name it defines hangs off window.atlas.
LIBRARY = r"""
(function () {
  "use strict";
  if (window.atlas) { return; }
  var atlas = window.atlas = {};
  var state = atlas.state = {
    moved: false, reset: null, fit: null, focus: null, goto: false, seq: 0, map: null, layer: null,
    nonce: Math.random().toString(36).slice(2), openIds: null, request: {}
  };
  var SELECTED = "#111111", MERGE_PX = 6;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  atlas.esc = esc;

  var CSS = [
    ".atlas-label{white-space:nowrap;font:11px/1.15 sans-serif;color:#333;",
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;pointer-events:none}",
    ".atlas-label .ar{display:block;font-size:10px;color:#555}",
    ".atlas-label.atlas-town{font-weight:600;font-size:12px}",
    ".atlas-label.atlas-gov{font:600 12px/1.2 sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#6b6b6b}",
    ".atlas-label.atlas-gov .ar{letter-spacing:0;text-transform:none}",
    ".atlas-label.atlas-river{font-style:italic;color:#3f6f99}",
    ".atlas-label .dot{display:inline-block;width:4px;height:4px;border-radius:2px;background:#555;",
    "margin-right:3px;vertical-align:middle}",
    ".atlas-count{font:bold 11px/18px sans-serif;color:#111;text-align:center;pointer-events:none;",
    "text-shadow:0 0 2px #fff,0 0 2px #fff}",
    ".leaflet-pane.leaflet-atlasIncidents-pane>svg path.leaflet-interactive{pointer-events:all}",
    "path.leaflet-interactive:focus{outline:none}",
    "path.leaflet-interactive:focus-visible{stroke:#111;stroke-width:4px;stroke-opacity:1}",
    ".atlas-popup{font-size:12px}.atlas-popup ul{padding-left:16px;margin:4px 0}",
    ".atlas-list li{margin:0 0 6px 0}.atlas-note{color:#8a4b00}",
    ".atlas-legend summary{cursor:pointer;font-weight:bold}",
    ".atlas-legend .row{margin:2px 0;white-space:nowrap}.atlas-legend svg{vertical-align:middle}",
    ".leaflet-control-attribution{max-width:60vw;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}",
    ".leaflet-control-attribution:hover,.leaflet-control-attribution:focus{white-space:normal}"
  ].join("");

  function ensure(map) {
    if (!document.getElementById("atlas-css")) {
      var style = document.createElement("style");
      style.id = "atlas-css";
      style.textContent = CSS;
      document.head.appendChild(style);
    }
    if (!map.getPane("atlasLabels")) {
      map.createPane("atlasLabels").style.zIndex = 420;
      map.getPane("atlasLabels").style.pointerEvents = "none";
      map.createPane("atlasIncidents").style.zIndex = 450;
      map.createPane("atlasCounts").style.zIndex = 460;
      map.getPane("atlasCounts").style.pointerEvents = "none";
    }
    if (!map._atlasWatched) { watch(map); }
  }

  // -- messages to the page ----------------------------------------------------------------------------------

  function message() {
    var m = {moved: state.moved, reset: state.reset, nonce: state.nonce, seq: state.seq};
    for (var k in state.request) { m[k] = state.request[k]; }
    return m;
  }

  function note() {
    var gd = window.__GLOBAL_DATA__;
    if (gd) { gd.last_geocoder_result = message(); }
  }

  // A request stays in every later report until the next one: a report the page has not read yet may be
  // overtaken by a newer one (the page reads only the latest), and the page answers each request (seq) once.
  atlas.send = function (request) {
    var gd = window.__GLOBAL_DATA__, S = window.Streamlit;
    if (!gd || !S || !S.setComponentValue) { return false; }
    state.seq += 1;
    state.request = request || {};
    var data = {}, prev = gd.previous_data || {};
    for (var k in prev) { data[k] = prev[k]; }
    data.last_geocoder_result = message();
    var map = state.map;
    if (map) {
      if ("center" in data) { data.center = map.getCenter(); }
      if ("zoom" in data) { data.zoom = map.getZoom(); }
      if ("bounds" in data) { data.bounds = map.getBounds(); }
    }
    gd.previous_data = data;
    gd.last_geocoder_result = data.last_geocoder_result;
    S.setComponentValue(data);
    return true;
  };

  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[data-incident]") : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
    if (atlas.send({open: a.getAttribute("data-incident")})) {
      e.preventDefault();
      a.textContent = "Opening\u2026";
    }
  }, true);

  // -- the person moving the map -------------------------------------------------------------------------------

  function watch(map) {
    map._atlasWatched = true;
    var mark = function () {
      if (!state.moved) { state.moved = true; note(); }
    };
    var c = map.getContainer();
    map.on("dragstart", mark);
    map.on("boxzoomend", mark);
    c.addEventListener("wheel", mark, {passive: true});
    c.addEventListener("dblclick", mark);
    c.addEventListener("touchstart", function (e) { if (e.touches && e.touches.length > 1) { mark(); } },
                       {passive: true});
    c.addEventListener("keydown", function (e) {
      if (e.target === c && /^(Arrow|\+|-|=)/.test(e.key)) { mark(); }
    });
    c.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest(".leaflet-control-zoom")) { mark(); }
    }, true);
    map.on("popupopen", function (e) {
      var src = e.popup && e.popup._source;
      state.openIds = src && src._atlasIds ? src._atlasIds : null;
    });
    map.on("popupclose", function () {
      // a popup closed because its circle was redrawn (the page sent new incidents) opens again on the new circle;
      // one the person closed stays closed
      var ids = state.openIds;
      setTimeout(function () {
        if (state.openIds === ids && !(map._popup && map.hasLayer(map._popup))) { state.openIds = null; }
      }, 0);
    });
    map.on("resize", function () {  // the frame took its width: fit again while the map follows the filters
      if (!state.moved && state.fitBounds) { fit(map); }
    });
    var attribution = c.querySelector(".leaflet-control-attribution");
    if (attribution) { attribution.setAttribute("tabindex", "0"); }
    note();
  }

  function fit(map) {
    // keep the incidents clear of the legend (bottom right): beside it or above it, whichever zooms in more
    var size = map.getSize(), legend = map.getContainer().querySelector(".atlas-legend");
    var w = legend ? legend.offsetWidth + 16 : 0, h = legend ? legend.offsetHeight + 16 : 0;
    if (size.x < 2 * w + 120) { w = 0; }
    if (size.y < 2 * h + 120) { h = 0; }
    var bounds = L.latLngBounds(state.fitBounds);
    var beside = map.getBoundsZoom(bounds, false, L.point(60 + w, 60));
    var above = map.getBoundsZoom(bounds, false, L.point(60, 60 + h));
    map.fitBounds(bounds, {paddingTopLeft: [30, 30], paddingBottomRight: beside >= above ? [30 + w, 30] : [30, 30 + h],
                           maxZoom: state.fitMax, animate: false});
  }

  function applyView(map, view) {
    if (!view) { return; }
    if (view.reset !== state.reset) {
      state.reset = view.reset;
      state.moved = false;
      state.fit = null;
    }
    if (view.center && !state.goto) {
      state.goto = true;  // a view from the URL, once per map: the person's own
      map.setView(view.center, view.zoom || map.getZoom(), {animate: false});
      state.moved = true;
    }
    if (view.kept) { state.moved = true; }
    if (!state.moved && view.fit && view.token !== state.fit) {
      state.fit = view.token;
      state.fitBounds = view.fit;
      state.fitMax = view.maxZoom || 10;
      fit(map);
    }
    note();
  }

  // -- incidents -------------------------------------------------------------------------------------------------

  function cluster(markers, map) {
    var sorted = markers.slice().sort(function (a, b) { return b.r - a.r; });
    var cell = 64, grid = {}, groups = [];
    sorted.forEach(function (m) {
      var pt = map.latLngToLayerPoint([m.lat, m.lon]);
      var gx = Math.floor(pt.x / cell), gy = Math.floor(pt.y / cell), hit = null;
      for (var dx = -1; dx <= 1 && !hit; dx++) {
        for (var dy = -1; dy <= 1 && !hit; dy++) {
          var near = grid[(gx + dx) + ":" + (gy + dy)] || [];
          for (var i = 0; i < near.length; i++) {
            if (pt.distanceTo(near[i].pt) <= Math.max(near[i].r, m.r, MERGE_PX)) { hit = near[i]; break; }
          }
        }
      }
      if (hit) { hit.members.push(m); return; }
      var g = {pt: pt, lat: m.lat, lon: m.lon, r: m.r, members: [m]};
      (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(g);
      groups.push(g);
    });
    return groups;
  }

  function listHtml(members, p) {
    var sorted = members.slice().sort(function (a, b) {  // by date, undated last
      var x = a.day || "9999", y = b.day || "9999";
      return x < y ? -1 : (x > y ? 1 : 0);
    });
    return '<div class="atlas-popup"><b>' + members.length + " " + esc(p.words.many) + "</b>" +
      '<ul class="atlas-list">' + sorted.map(function (m) { return "<li>" + m.line + "</li>"; }).join("") +
      "</ul></div>";
  }

  function nameOf(members, p) {
    if (members.length === 1) { return members[0].label; }
    var places = [];
    members.forEach(function (m) { if (places.indexOf(m.place) < 0) { places.push(m.place); } });
    return members.length + " " + p.words.many + ": " + places.slice(0, 3).join(", ") +
      (places.length > 3 ? ", \u2026" : "");
  }

  function accessible(marker, label) {
    marker.on("add", function () {
      var el = marker.getElement();
      if (!el) { return; }
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", label);
      el.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          marker.openPopup();
          var pop = marker.getPopup() && marker.getPopup().getElement();
          var link = pop && pop.querySelector("a[data-incident], a[href]");
          if (link) { link.focus(); }
        }
      });
    });
  }

  function drawGroup(layer, g) {
    var p = layer.payload, head = g.members[0], n = g.members.length, style = {};
    for (var k in head.style) { style[k] = head.style[k]; }
    style.pane = "atlasIncidents";
    style.bubblingMouseEvents = false;
    if (n > 1 && g.members.some(function (m) { return m.disputed; })) {
      style.color = p.disputedColour;
      style.dashArray = p.disputedDash;
    }
    if (g.selected) { style.color = SELECTED; style.weight = 4; style.opacity = 1; }
    var marker = L.circleMarker([g.lat, g.lon], style);
    marker._atlasIds = g.members.map(function (m) { return m.id; });
    marker.bindPopup(n > 1 ? listHtml(g.members, p) : head.popup,
                     {maxWidth: 380, maxHeight: 340, autoPanPadding: [24, 24]});
    var label = nameOf(g.members, p);
    marker.bindTooltip(esc(n > 1 ? label + " \u2014 " + p.words.click : label));
    accessible(marker, label);
    marker.addTo(layer.group);
    g.marker = marker;
    if (n > 1) {
      L.marker([g.lat, g.lon], {
        pane: "atlasCounts", interactive: false, keyboard: false,
        icon: L.divIcon({className: "atlas-count", html: String(n), iconSize: [24, 18], iconAnchor: [12, 9]})
      }).addTo(layer.group);
    }
  }

  function draw(layer) {
    var p = layer.payload, map = layer.map;
    var open = state.openIds;
    layer.group.clearLayers();
    var groups = p.grouped ? cluster(p.markers, map) : p.markers.map(function (m) {
      return {lat: m.lat, lon: m.lon, r: m.r, members: [m]};
    });
    groups.forEach(function (g) {
      g.selected = !!p.selected && g.members.some(function (m) { return m.id === p.selected; });
    });
    groups.sort(function (a, b) { return (a.selected - b.selected) || (b.r - a.r); });
    groups.forEach(function (g) { drawGroup(layer, g); });
    layer.groups = groups;
    if (open) { openFor(layer, open[0], false); }
  }

  function openFor(layer, id, pan) {
    var groups = layer.groups || [];
    for (var i = 0; i < groups.length; i++) {
      if (groups[i].members.some(function (m) { return m.id === id; })) {
        var popup = groups[i].marker.getPopup();
        if (popup) { popup.options.autoPan = pan; }
        if (layer.group._map) { groups[i].marker.openPopup(); }
        if (popup) { popup.options.autoPan = true; }
        return groups[i];
      }
    }
    return null;
  }

  function applyFocus(layer, focus) {
    if (!focus || focus.token === state.focus) { return; }
    state.focus = focus.token;
    var target = null;
    layer.payload.markers.forEach(function (m) { if (m.id === focus.id) { target = m; } });
    if (!target) { return; }
    var map = layer.map;
    map.setView([target.lat, target.lon], Math.max(map.getZoom(), focus.zoom || 9), {animate: false});
    var opened = function () { openFor(layer, focus.id, false); };
    if (layer.group._map) { opened(); } else { layer.group.once("add", opened); }
  }

  atlas.incidents = function (group, map, payload) {
    ensure(map);
    state.map = map;
    if (state.layer && state.layer.map === map) { map.off("zoomend", state.layer.redraw); }
    var layer = {group: group, map: map, payload: payload};
    layer.redraw = function () { draw(layer); };
    state.layer = layer;
    applyView(map, payload.view);
    draw(layer);
    map.on("zoomend", layer.redraw);
    applyFocus(layer, payload.focus);
    if (!payload.focus && state.openIds && !group._map) {
      group.once("add", function () { openFor(layer, state.openIds[0], false); });
    }
  };

  // -- labels ----------------------------------------------------------------------------------------------------

  var CHAR_PX = {gov: 8.2, town: 7.2, village: 6.4, river: 6.6};

  function labelHtml(row) {
    var kind = row[5], ar = row[3] ? '<span class="ar" dir="rtl" lang="ar">' + esc(row[3]) + "</span>" : "";
    if (kind === "river") {
      return '<span style="display:inline-block;transform:rotate(' + (row[7] || 0) + 'deg)">' + esc(row[2]) +
        (row[3] ? " \u00b7 " + '<span dir="rtl" lang="ar">' + esc(row[3]) + "</span>" : "") + "</span>";
    }
    var dot = kind === "gov" ? "" : '<span class="dot"></span>';
    return dot + esc(row[2]) + ar;
  }

  function overlaps(box, boxes) {
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) { return true; }
    }
    return false;
  }

  atlas.labels = function (map, source, max) {
    ensure(map);
    var group = L.layerGroup().addTo(map), rows = null, limit = max || 220;
    function show() {
      if (!rows) { return; }
      group.clearLayers();
      var z = map.getZoom(), view = map.getBounds().pad(0.05), boxes = [], drawn = 0;
      for (var i = 0; i < rows.length && drawn < limit; i++) {
        var r = rows[i];
        if (r[4] > z || (r[6] && z > r[6]) || !view.contains([r[0], r[1]])) { continue; }
        var kind = r[5], pt = map.latLngToContainerPoint([r[0], r[1]]);
        var chars = Math.max(r[2].length, kind === "river" ? 0 : (r[3] || "").length * 0.9);
        var w = chars * (CHAR_PX[kind] || 6.5) + 10, h = (r[3] && kind !== "river") ? 26 : 15;
        var centred = kind === "gov" || kind === "river";
        var box = centred ? [pt.x - w / 2, pt.y - h / 2, pt.x + w / 2, pt.y + h / 2]
                          : [pt.x - 3, pt.y - 7, pt.x + w, pt.y + h - 5];
        if (overlaps(box, boxes)) { continue; }
        boxes.push(box);
        drawn += 1;
        L.marker([r[0], r[1]], {
          pane: "atlasLabels", interactive: false, keyboard: false,
          icon: L.divIcon({className: "atlas-label atlas-" + kind, html: labelHtml(r), iconSize: null,
                           iconAnchor: centred ? [w / 2, h / 2] : [2, 7]})
        }).addTo(group);
      }
    }
    if (typeof source === "string") {
      fetch(source).then(function (r) { return r.json(); }).then(function (data) { rows = data; show(); })
        .catch(function () { rows = null; });
    } else {
      rows = source || [];
    }
    map.on("moveend", show);
    map.whenReady(show);
  };

  // -- legend ----------------------------------------------------------------------------------------------------

  atlas.legend = function (map, html) {
    ensure(map);
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "atlas-legend");
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      var details = div.querySelector("details");
      var size = map.getSize();
      if (details && (size.x < 600 || size.y < 400)) { details.open = false; }  // a phone, or a small map
      return div;
    };
    legend.addTo(map);
  };
})();
"""


class Library(MacroElement):
    """The library as a map child: its script runs before any layer's."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.code }}
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasLibrary"
        self.code = LIBRARY
