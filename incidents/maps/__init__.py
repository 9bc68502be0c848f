"""Maps of incidents: the folium layers, marker styles and legend, popups, the offline base map and its names, the
browser library every map carries, Leaflet from the local install, the static map and the standalone HTML page.

    from incidents.maps.incident_map import incident_map      # a folium map of an incidents frame
    from incidents.maps.snapshot import write_snapshot        # an offline HTML page, or a PNG, SVG or PDF map

Both ``python -m incidents export`` and the dashboard draw their maps here, so a snapshot written from the command
line shows the markers, popups and legend of the Map page. It is a subpackage of `incidents` rather than a part of
`dashboard` because the export command must draw snapshots without the dashboard, and `incidents` never imports
`dashboard` (the packages stack one way: gazetteer, incidents, dashboard). It is a subpackage rather than a fourth
top-level package because it draws nothing but incidents: it reads `incidents.model` and `incidents.selection` frames
and the gazetteer's shipped outlines and names, and it never imports Streamlit. What only the dashboard does with a
map (the view a person moved it to, the messages its clicks send back) stays in `dashboard/`.

Modules: `incident_map` (markers, legend, grouping), `popups` (what a marker says, escaped), `basemap` (outlines,
rivers, governorates; opt-in tiles), `labels` (place names by zoom), `map_script` (the maps' code in the browser),
`assets` (Leaflet from the installed ``xstatic-leaflet`` package, never a CDN), `snapshot` (HTML, PNG, SVG, PDF).
"""
