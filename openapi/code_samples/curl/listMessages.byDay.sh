# $WWT_TOKEN holds a JWT from login.
curl -G https://one-api.wwt.world/api/messages \
  -H "Authorization: Bearer $WWT_TOKEN" \
  --data-urlencode 'filter[from]=2026-12-01 00:00:00' \
  --data-urlencode 'filter[to]=2026-12-01 23:59:59'
