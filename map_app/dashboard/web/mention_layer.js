{#- Jinja macro rendered by map_app.map_layers.MentionLayer: one light circle per
    mentioned point, its tooltip built with textContent. The dom_helpers.js
    placeholder comment below is replaced with map_app/web/dom_helpers.js. -#}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    {# dom_helpers.js #}
    var P = {{ this.payload }};
    var renderer = L.canvas({padding: 0.3});
    var group = L.layerGroup();
    P.forEach(function (r) {
        var c = L.circleMarker([r[0], r[1]], {renderer: renderer, radius: Math.min(3 + Math.log(r[2] + 1) * 2, 12),
            color: '#333', weight: 1, fillColor: '#ffffff', fillOpacity: 0.75});
        c.bindTooltip(function () {
            var e = incEl('span', 'inc-mention');
            e.appendChild(incBdi(r[3]));
            e.appendChild(document.createTextNode(' · ' + r[2] + (r[2] === 1 ? ' mention' : ' mentions')));
            return e;
        });
        group.addLayer(c);
    });
    return group;
})();
{% endmacro %}
