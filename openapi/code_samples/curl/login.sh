# $WWT_API_KEY holds your API key (live_… or test_…).
# The answer is {"bearer": "<JWT>"}.
curl https://one-api.wwt.world/api/auth/login \
  -H "Content-Type: application/json" \
  -d "{\"api_key\": \"$WWT_API_KEY\"}"
