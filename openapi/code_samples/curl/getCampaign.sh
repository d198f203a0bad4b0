# $WWT_TOKEN holds a JWT from login.
curl https://one-api.wwt.world/api/campaigns/56022 \
  -H "Authorization: Bearer $WWT_TOKEN"
