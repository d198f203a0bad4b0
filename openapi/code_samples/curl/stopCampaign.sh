# $WWT_TOKEN holds a JWT from login.
curl -X PATCH https://one-api.wwt.world/api/campaigns/56022/stop \
  -H "Authorization: Bearer $WWT_TOKEN"
