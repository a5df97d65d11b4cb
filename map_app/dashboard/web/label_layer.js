{#- Jinja macro rendered by map_app.dashboard.layers.LabelLayer: place labels of the
    offline basemap (governorates, cities, towns by size as the analyst zooms), built
    with textContent in a pane above the outlines and below the incidents. The
    dom_helpers.js placeholder comment below is replaced with web/dom_helpers.js. -#}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    {# dom_helpers.js #}
    var P = {{ this.payload }};
    // Zoom from which each level shows (see map_app/dashboard/labels.py); governorates
    // give way to towns past zoom 9.
    var FROM = [5, 5, 7, 8, 9, 10], UNTIL = [9, 99, 99, 99, 99, 99], MAX_SHOWN = 450;
    if (!map.getPane('labelPane')) {
        var pane = map.createPane('labelPane');
        pane.style.zIndex = 450; pane.style.pointerEvents = 'none';
    }
    var group = L.layerGroup([], {pane: 'labelPane'});
    function label(r) {
        var box = incEl('div', 'plbl plbl-' + r[2]);
        box.appendChild(incBdi(r[3]));
        if (r[4] && r[2] <= 3) { var ar = incEl('span', 'plbl-ar'); ar.appendChild(incBdi(r[4])); box.appendChild(ar); }
        return L.marker([r[0], r[1]], {pane: 'labelPane', interactive: false, keyboard: false,
            icon: L.divIcon({className: 'plbl-icon', html: box, iconSize: null})});
    }
    function redraw() {
        if (!map.hasLayer(group)) { return; }
        group.clearLayers();
        var z = map.getZoom(), view = map.getBounds().pad(0.1), taken = {}, shown = 0;
        for (var i = 0; i < P.length && shown < MAX_SHOWN; i++) {
            var r = P[i];
            if (z < FROM[r[2]] || z > UNTIL[r[2]] || !view.contains([r[0], r[1]])) { continue; }
            // One label per ~90 x 24 px cell: bigger places come first in P and win.
            var pt = map.latLngToContainerPoint([r[0], r[1]]);
            var cell = Math.floor(pt.x / 90) + ':' + Math.floor(pt.y / 24);
            if (taken[cell]) { continue; }
            taken[cell] = true;
            group.addLayer(label(r));
            shown++;
        }
    }
    map.on('zoomend moveend', redraw);
    group.on('add', function () { setTimeout(redraw, 0); });
    window.placeLabels = {group: group, redraw: redraw};
    return group;
})({{ this._parent.get_name() }});
{% endmacro %}
