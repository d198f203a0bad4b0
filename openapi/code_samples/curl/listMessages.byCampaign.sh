# $WWT_TOKEN holds a JWT from login.
curl -G https://one-api.wwt.world/api/messages \
  -H "Authorization: Bearer $WWT_TOKEN" \
  --data-urlencode 'filter[campaign_id]=56024'
