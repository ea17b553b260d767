#!/bin/sh
# Draws the sample forum's uploads (seed/uploads/) with ImageMagick 6 (Debian: apt-get install
# imagemagick), so the sample thread has real PNG, JPEG and GIF files to keep offline. The files are
# committed; run this only to change them, then update seed/uploads.json (sizes are checked against
# the files by test/unit/sample-forum/seed-uploads.test.ts).
#
# Each lightboxed original also gets the thumbnails Discourse's CookedPostProcessor makes for it:
# the size the post shows (fitted into max_image_width 690 × max_image_height 500) and 1.5× that
# (responsive_post_image_sizes 1|1.5|2; at 2× the original itself is wider, so srcset names it).
# -strip and the PNG chunk exclusions keep dates out, so a rerun writes the same bytes.
set -eu
CONVERT=${CONVERT:-/usr/bin/convert-im6.q16}
OUT="$(dirname "$0")/seed/uploads"
mkdir -p "$OUT"
cd "$OUT"
PNG="-depth 8 -define png:exclude-chunks=date,time -strip"
FONT=DejaVu-Sans

# A stage in a spotlight: post 1, "The Red Shoes ballet sequence."
$CONVERT -size 1280x720 radial-gradient:'#b3122a'-'#120306' \
  -fill '#f5e6c8' -draw "ellipse 640 640 300 40 0 360" \
  -fill '#2a0a0e' -draw "ellipse 640 420 60 170 0 360" -draw "circle 640 220 640 180" \
  -fill '#d1122f' -draw "ellipse 610 612 34 12 0 360" -draw "ellipse 672 614 34 12 0 360" \
  -seed 7 -attenuate 0.25 +noise Gaussian \
  -font $FONT -pointsize 28 -fill '#f5e6c8' -gravity north -annotate +0+28 'THE BALLET OF THE RED SHOES' \
  -strip -quality 82 ballet-of-the-red-shoes.jpg
$CONVERT ballet-of-the-red-shoes.jpg -resize 690x388! -strip -quality 82 ballet-of-the-red-shoes_690x388.jpg
$CONVERT ballet-of-the-red-shoes.jpg -resize 1035x582! -strip -quality 82 ballet-of-the-red-shoes_1035x582.jpg

# A pair of red shoes on a blue floor: post 7, "The Red Shoes Ballet is my favorite sequence."
$CONVERT -size 1280x720 gradient:'#1d2b53'-'#0b0f1e' \
  -fill '#c81d25' -draw "roundrectangle 420 380 620 470 40 40" -draw "roundrectangle 660 400 860 490 40 40" \
  -fill '#7a0f14' -draw "ellipse 470 410 40 18 0 360" -draw "ellipse 710 430 40 18 0 360" \
  -stroke '#c81d25' -strokewidth 6 -fill none -draw "bezier 520 380 540 300 600 300 620 330" -draw "bezier 760 400 780 320 840 320 860 350" \
  -stroke none -seed 11 -attenuate 0.3 +noise Gaussian \
  -font $FONT -pointsize 26 -fill '#e8e1d3' -gravity south -annotate +0+30 'The shoes, waiting' \
  -strip -quality 82 the-shoes-waiting.jpg
$CONVERT the-shoes-waiting.jpg -resize 690x388! -strip -quality 82 the-shoes-waiting_690x388.jpg
$CONVERT the-shoes-waiting.jpg -resize 1035x582! -strip -quality 82 the-shoes-waiting_1035x582.jpg

# A broken mirror, portrait: post 10, the mirror scene.
$CONVERT -size 800x1000 gradient:'#d9d4c7'-'#5c5a55' \
  -fill '#2b2b2b' -draw "rectangle 150 100 650 900" \
  -fill '#9fb3c8' -draw "rectangle 170 120 630 880" \
  -stroke '#f4f4f4' -strokewidth 4 -draw "line 400 500 200 140" -draw "line 400 500 610 200" -draw "line 400 500 180 860" \
  -draw "line 400 500 620 780" -draw "line 400 500 400 880" -draw "line 400 500 170 480" \
  -stroke none -fill '#8a0e16' -draw "circle 400 500 400 488" \
  $PNG the-mirror.png
$CONVERT the-mirror.png -resize 400x500! $PNG the-mirror_400x500.png
$CONVERT the-mirror.png -resize 600x750! $PNG the-mirror_600x750.png

# The practice hall, small enough to show as it is (no lightbox): post 3.
$CONVERT -size 480x270 xc:'#e9dcc3' \
  -fill '#b89b72' -draw "rectangle 0 200 480 270" \
  -fill '#6b4f33' -draw "rectangle 40 60 120 200" -draw "rectangle 180 60 260 200" -draw "rectangle 320 60 400 200" \
  -fill '#fdf6e3' -draw "rectangle 50 70 110 190" -draw "rectangle 190 70 250 190" -draw "rectangle 330 70 390 190" \
  -fill '#222222' -draw "rectangle 410 150 470 205" -draw "rectangle 415 205 420 230" -draw "rectangle 460 205 465 230" \
  $PNG practice-hall.png

# The red shoes dancing, an animated GIF (Discourse leaves animated uploads unresized): post 7.
FRAMES=""
for i in 0 1 2 3 4 5 6 7; do
  X=$((60 + i * 25))
  Y=$((110 - (i % 4) * 12))
  $CONVERT -size 320x180 xc:'#101820' -fill '#d1122f' \
    -draw "ellipse $X $Y 26 10 0 360" -draw "ellipse $((X + 40)) $((Y + 14 - (i % 2) * 20)) 26 10 0 360" \
    "frame-$i.gif"
  FRAMES="$FRAMES frame-$i.gif"
done
$CONVERT -delay 12 -loop 0 $FRAMES -layers Optimize dancing-shoes.gif
rm $FRAMES

# The little theatre on a rainy day, a still GIF: post 14.
$CONVERT -size 400x300 gradient:'#6f7d8c'-'#2e3640' \
  -fill '#3b2a20' -draw "rectangle 60 120 340 300" \
  -fill '#c9a227' -draw "rectangle 80 140 320 260" \
  -fill '#8a0e16' -draw "rectangle 80 140 130 260" -draw "rectangle 270 140 320 260" \
  -stroke '#b8c4d0' -strokewidth 1 -draw "line 20 10 10 40" -draw "line 120 20 110 50" -draw "line 220 5 210 35" -draw "line 330 15 320 45" -draw "line 380 60 370 90" \
  -colors 32 little-theatre.gif
