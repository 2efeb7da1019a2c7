/* Leaflet's default marker images as data URIs (a map in an iframe's srcdoc has no folder to
   find them in). map_assets fills in the images with string.Template. */
L.Icon.Default.imagePath = "";
L.Icon.Default.mergeOptions($images);
